using System.Text.Json.Nodes;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Egress;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>selfForgetHostKey</c>: forgets a server's pinned host key in your known_hosts, after a legitimate reinstall.
/// The value is keyed by the known_hosts name (<c>host</c> or <c>[host]:port</c>) with the action taken for each.
/// </summary>
public sealed class SelfForgetHostKeyPlugin : OshPlugin
{
    public override string Name => "selfForgetHostKey";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Forget a known host key from your bastion account";

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        if (call.Invocation.Host is not { } host)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing argument 'host'");
        }

        var port = call.Invocation.Port ?? 22;
        var names = new List<string> { KnownHostsFiles.EntryName(host, port) };
        // Egress sessions connect to the address, which is the name ssh pinned the key under.
        if ((await HostResolution.AddressAsync(host, cancellationToken))?.ToString() is { } ip && ip != host)
        {
            names.Add(KnownHostsFiles.EntryName(ip, port));
        }

        var file = new KnownHostsFiles(call.Services.Settings.KnownHostsDirectory).FileOf(call.Caller.Name);
        if (!File.Exists(file))
        {
            return NoChange("Your account didn't have any known_hosts file, nothing to do");
        }

        var forgotten = await KnownHostsFiles.ForgetAsync(file, names, comment: null, cancellationToken);
        var value = new JsonObject();
        foreach (var name in names)
        {
            var deleted = forgotten.Contains(name);
            value[name] = new JsonObject { ["action"] = deleted ? "OK_DELETED" : "OK_NO_MATCH" };
            await call.SayAsync(deleted ? $"Key for '{name}' deleted successfully" : $"No key found for {name} (maybe you forgot to specify --port ?)", cancellationToken);
        }

        return Ok(value);
    }
}
