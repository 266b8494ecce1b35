using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>selfListEgressKeys</c> / <c>accountListEgressKeys</c>: the public halves of an account's egress keys, to install
/// on servers. The private halves stay sealed in the daemon's vault.
/// </summary>
public sealed class EgressKeyListPlugin(bool self) : OshPlugin
{
    public override string Name => self ? "selfListEgressKeys" : "accountListEgressKeys";

    public override PluginCategory Category => self ? PluginCategory.Open : PluginCategory.Restricted;

    public override string Summary => self ? "List your egress public keys" : "List the egress public keys of an account";

    public override IReadOnlyList<PluginOption> Options => self ? [] : [Text("account")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = self ? call.Caller : call.ExistingAccount(call.Required("account"));
        var value = new JsonObject();
        foreach (var key in account.EgressKeys.OrderByDescending(k => k.Created))
        {
            var shown = call.Shown(key);
            value[key.PublicKey.Fingerprint] = shown.ToJson();
            await call.SayAsync(shown.Line, cancellationToken);
        }

        return Ok(value);
    }
}
