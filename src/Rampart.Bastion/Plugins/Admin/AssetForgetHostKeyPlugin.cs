using System.Net;
using System.Text.Json.Nodes;
using Rampart.Bastion.Egress;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Admin;

/// <summary>
/// <c>assetForgetHostKey</c> (restricted): forgets a reinstalled or re-addressed server's host key in every account's
/// known_hosts (and the connection tests'). Lines are kept commented out, with who removed them, when and in which
/// session. The value counts the files changed.
/// </summary>
public sealed class AssetForgetHostKeyPlugin : OshPlugin
{
    public override string Name => "assetForgetHostKey";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Remove the host key of a given asset from all accounts' known hosts";

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        if (call.Invocation.Host is not { } host)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --host (or host didn't resolve correctly)");
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return Fail("ERR_INVALID_PARAMETER", $"Specified IP must not be a netblock ({host})");
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return Fail("ERR_INVALID_PARAMETER", $"Specified host must be an IP address ({host})");
        }

        var name = KnownHostsFiles.EntryName(ip.ToString(), call.Invocation.Port ?? 22);
        await call.SayAsync($"Removing {ip} host key from accounts...", cancellationToken);
        var comment = $"removed by {call.Caller.Name} at {call.Now:yyyy-MM-ddTHH:mm:ssZ} in session with uniqid {call.SessionId}";
        var changed = 0;
        foreach (var file in new KnownHostsFiles(call.Services.Settings.KnownHostsDirectory).All())
        {
            if ((await KnownHostsFiles.ForgetAsync(file, [name], comment, cancellationToken)).Count > 0)
            {
                changed++;
                await call.SayAsync($"Removed {name} from {Path.GetFileName(file)}'s known_hosts file", cancellationToken);
            }
        }

        var value = new JsonObject { ["changed_files"] = changed };
        var message = $"Finally modified {changed} known_hosts accounts' files";
        return changed > 0 ? Ok(value, message) : new OshEnvelope(Name, "OK_NO_CHANGE", message, value);
    }
}
