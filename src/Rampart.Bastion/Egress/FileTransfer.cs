using Rampart.Bastion.Plugins;
using Rampart.Bastion.Recording;
using Rampart.Core.Audit;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Sessions;

namespace Rampart.Bastion.Egress;

/// <summary>
/// Runs the remote end of an scp, sftp or rsync transfer for the plugin of that name: OpenSSH's client in the daemon,
/// with a session agent holding only the keys both the ssh and the protocol grant allow, the account's stdin and stdout
/// passed through untouched (they carry the transfer protocol), stderr passed on and recorded. The file content is not
/// recorded, as in The Bastion ("stealth stdout"); the plugin run's session row points at the stderr recording.
/// </summary>
internal static class FileTransfer
{
    public static async Task<PipeRelayResult> RunAsync(
        PluginCall call, TransferTarget target, ProtocolAccessDecision access, string remoteCommand, bool subsystem, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var account = call.Caller.Name;
        var recordings = Path.Combine(services.Settings.RecordingsDirectory, account);
        Target(call, target);
        if (RecordingSpace.Shortage(recordings, services.Settings.RecordingMaxBytes) is { } shortage)
        {
            throw new PluginFailureException("KO_OUT_OF_SPACE", shortage);
        }

        await using var recorder = SessionRecorder.Create(recordings, call.SessionId, RecordingKind.Command,
            SessionRecorder.DefaultWidth, SessionRecorder.DefaultHeight, null,
            $"{account} {target.Protocol} to {target.Machine} -- {remoteCommand} (file content not recorded)", services.Time,
            services.Settings.RecordingMaxBytes);
        call.Details.Recordings = recorder.Files;
        Audit(call, target, "ok",
            $"session {call.SessionId} via {string.Join(", ", access.Grants.Select(g => g.Group is null ? g.Type : $"{g.Group}({g.Type})").Distinct())}");

        PipeRelayResult result;
        try
        {
            await using var agent = await SessionAgent.StartAsync(services.Cipher, access.Keys, cancellationToken);
            var knownHosts = new KnownHostsFiles(services.Settings.KnownHostsDirectory).FileOf(account);
            var arguments = EgressCommand.Arguments(agent, knownHosts, target.User, target.Address.ToString(), target.Port, pty: false, remoteCommand,
                subsystem: subsystem);
            result = await PipeRelay.RunAsync(arguments, null, call.Terminal, recorder, cancellationToken, recordStdout: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left or the account was frozen: ssh is gone already; the end is audited, the run logged by the shell.
            Audit(call, target, "interrupted", $"session {call.SessionId} ended by the bastion or the client");
            throw;
        }
        catch (RecordingFullException full)
        {
            await call.Terminal.WriteErrorLineAsync($"This transfer was closed by the bastion: {full.Message}.", CancellationToken.None);
            result = new PipeRelayResult(Osh.OshExitCode.OutOfSpace, 0, 0);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await call.Terminal.WriteErrorLineAsync($"The bastion could not start the transfer: {e.Message}", CancellationToken.None);
            result = new PipeRelayResult(255, 0, 0);
        }

        Audit(call, target, result.ExitCode == 0 ? "ok" : "failed",
            $"session {call.SessionId} ended with {result.ExitCode}, {result.BytesIn} bytes uploaded, {result.BytesOut} bytes downloaded");
        return result;
    }

    /// <summary>The refusal every transfer plugin gives, audited as a denied connection to the target.</summary>
    public static PluginFailureException Denied(PluginCall call, TransferTarget target, string message)
    {
        Target(call, target);
        Audit(call, target, "denied", message);
        return new PluginFailureException("KO_ACCESS_DENIED", message);
    }

    /// <summary>The run's session row names the transfer's target, allowed or not.</summary>
    private static void Target(PluginCall call, TransferTarget target)
    {
        call.Details.To = new SessionEndpoint(target.Address.ToString(), target.Port, target.Host);
        call.Details.User = target.User;
    }

    private static void Audit(PluginCall call, TransferTarget target, string outcome, string detail) =>
        call.Services.Audit.Record(new AuditEvent(call.Now, "bastion:" + call.Caller.Name, call.SourceIp ?? "local", target.Protocol,
            target.Machine, outcome, detail));
}
