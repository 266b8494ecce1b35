using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Transfer;

/// <summary>
/// <c>rsync</c>: the remote shell of an rsync run through the bastion. rsync calls it as its <c>--rsh</c> program,
/// <c>ssh ACCOUNT@BASTION -- --osh rsync --</c>, and appends <c>[-l USER] HOST rsync --server …</c>; the plugin checks
/// the <c>rsync</c> grant and starts that rsync server on the host.
/// </summary>
public sealed class RsyncPlugin : TransferPlugin
{
    public override string Name => "rsync";

    public override string Summary => "rsync passthrough using the bastion";

    public override PluginTraits Traits => PluginTraits.AllowUnknownOptions | PluginTraits.MfaToken;

    public override string Usage => WrapperScripts.RsyncUsage;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var words = call.Options.Positionals.ToList();
        var user = call.Invocation.User;
        if (words.Count >= 2 && words[0] == "-l")
        {
            user = words[1];
            words.RemoveRange(0, 2);
        }

        if (words.Count == 0)
        {
            return Fail("ERR_INVALID_COMMAND", "No host found, this plugin should be called by rsync.\nUse `--osh rsync --help` for more information.");
        }

        var host = words[0];
        words.RemoveAt(0);
        if (words.Count == 0 || words[0] != "rsync")
        {
            return Fail("ERR_INVALID_COMMAND", "This plugin should be called by rsync.\nUse `--osh rsync --help` for more information.");
        }

        var target = await TargetAsync(call, ProtocolAccess.Rsync, host, user, cancellationToken);
        var result = await TransferAsync(call, target, "running rsync through the bastion on", string.Join(' ', words), subsystem: false,
            cancellationToken);
        return await DoneAsync(call, Name, result, cancellationToken);
    }
}
