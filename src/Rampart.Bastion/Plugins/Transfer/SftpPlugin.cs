using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Transfer;

/// <summary>
/// <c>sftp</c>: the remote end of an sftp session through the bastion, the target's sftp subsystem. Called without a
/// host it hands out the account's wrapper script; called by it as <c>--host H --port P --user U --osh sftp</c>, it
/// checks the <c>sftp</c> grant and relays the subsystem.
/// </summary>
public sealed class SftpPlugin : TransferPlugin
{
    public override string Name => "sftp";

    public override string Summary => "Transfer files from/to remote servers using sftp through the bastion";

    public override PluginTraits Traits => PluginTraits.MfaToken;

    public override string Usage => WrapperScripts.SftpUsage;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (string.IsNullOrEmpty(call.Invocation.Host))
        {
            return await WrapperScripts.HandOutAsync(call, this, WrapperScripts.Sftp, cancellationToken);
        }

        var target = await TargetAsync(call, ProtocolAccess.Sftp, call.Invocation.Host, call.Invocation.User, cancellationToken);
        var result = await TransferAsync(call, target, "starting up sftp subsystem to", "sftp", subsystem: true, cancellationToken);
        return await DoneAsync(call, Name, result, cancellationToken);
    }
}
