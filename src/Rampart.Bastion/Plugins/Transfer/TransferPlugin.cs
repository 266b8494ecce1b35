using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Egress;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Transfer;

/// <summary>
/// What scp, sftp and rsync through the bastion share: the target (port 22 and the account's own name unless told
/// otherwise, as the clients themselves default), the protocol check, the greeting and the transfer itself. Human text
/// goes to stderr only: stdout carries the transfer protocol.
/// </summary>
public abstract class TransferPlugin : OshPlugin
{
    public override PluginCategory Category => PluginCategory.Open;

    private protected static async Task<TransferTarget> TargetAsync(PluginCall call, string protocol, string host, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (user is not null && !OshCommandLine.IsValidRemoteUser(user, allowWildcards: false))
        {
            throw new PluginFailureException("ERR_INVALID_PARAMETER", $"Remote user name '{user}' seems invalid");
        }

        var address = await HostResolution.AddressAsync(host, cancellationToken)
            ?? throw new PluginFailureException("ERR_HOST_NOT_FOUND", $"Sorry, couldn't resolve the host you specified ('{host}'), aborting.");
        return new TransferTarget(protocol, host, address, user ?? call.Caller.Name, call.Invocation.Port ?? 22);
    }

    /// <summary>Checks the ssh and protocol grants (refusing with The Bastion's messages), greets, then runs the remote end.</summary>
    private protected static async Task<PipeRelayResult> TransferAsync(
        PluginCall call, TransferTarget target, string greeting, string remoteCommand, bool subsystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        var access = ProtocolAccess.Decide(call.Snapshot, call.Caller, HostResolution.OneAddress(target.Address), target.User, target.Port,
            target.Protocol, target.Machine, call.Now);
        if (access.Refusal is { } refusal)
        {
            throw FileTransfer.Denied(call, target, refusal);
        }

        await call.Terminal.WriteErrorLineAsync($">>> Hello {call.Caller.Name}, {greeting} {target.Machine}...", cancellationToken);
        return await FileTransfer.RunAsync(call, target, access, remoteCommand, subsystem, cancellationToken);
    }

    /// <summary>The closing line of sftp and rsync, which report the bytes moved whatever the remote end said.</summary>
    private protected static async Task<OshEnvelope> DoneAsync(PluginCall call, string name, PipeRelayResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        await call.Terminal.WriteErrorLineAsync(
            $">>> Done, {result.BytesIn} bytes uploaded, {result.BytesOut} bytes downloaded.", cancellationToken);
        if (result.ExitCode != 0)
        {
            await call.Terminal.WriteErrorLineAsync($">>> On bastion side, {name} exited with return code {result.ExitCode}.", cancellationToken);
        }

        return OshEnvelope.Ok(name);
    }
}
