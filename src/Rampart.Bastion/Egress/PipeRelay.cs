using System.Diagnostics;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Recording;

namespace Rampart.Bastion.Egress;

/// <summary>
/// A remote command without a terminal: ssh's stdin, stdout and stderr are three pipes, so the account gets the
/// remote stdout and stderr apart and the recording keeps them apart too. The end of the account's input is passed on.
/// A file transfer records stderr only (<c>recordStdout</c> false): stdout is the file's content, which
/// The Bastion does not record either ("stealth stdout").
/// </summary>
internal static class PipeRelay
{
    public static async Task<PipeRelayResult> RunAsync(
        IReadOnlyList<string> sshArguments, string? term, OshTerminal terminal, SessionRecorder recorder, CancellationToken cancellationToken,
        bool recordStdout = true, IdleGuard? idle = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in sshArguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (term is { Length: > 0 })
        {
            start.Environment["TERM"] = term;
        }

        EgressEnvironment.Apply(start, environment);

        using var ssh = Process.Start(start)!;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var input = StreamPump.InputAsync(terminal.Stdin, ssh.StandardInput.BaseStream, closeAtEnd: true, stop.Token, idle is null ? null : idle.Input);
        StreamPump.Record stdout = recordStdout ? recorder.Stdout : static _ => { };
        var output = StreamPump.OutputAsync(ssh.StandardOutput.BaseStream, stdout, terminal.WriteStdoutAsync, cancellationToken);
        var errors = StreamPump.OutputAsync(ssh.StandardError.BaseStream, recorder.Stderr, terminal.WriteStderrAsync, cancellationToken);
        long sent;
        try
        {
            await StreamPump.AllOrFirstFailureAsync(output, errors);
            await ssh.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            // Cancelled (the client left, the account was frozen) or a pump failed: ssh must not outlive the session.
            StreamPump.Stop(ssh);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            sent = await input;
        }

        return new PipeRelayResult(ssh.ExitCode, sent, await output);
    }
}
