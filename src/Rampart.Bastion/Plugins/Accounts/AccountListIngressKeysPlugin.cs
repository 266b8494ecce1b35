using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>
/// <c>accountListIngressKeys</c> and <c>selfListIngressKeys</c>: the keys that let an account log in, numbered from 1 as
/// <c>selfDelIngressKey --id-to-delete</c> expects.
/// </summary>
public sealed class AccountListIngressKeysPlugin(bool self) : OshPlugin
{
    public override string Name => self ? "selfListIngressKeys" : "accountListIngressKeys";

    public override PluginCategory Category => self ? PluginCategory.Open : PluginCategory.Restricted;

    public override string Summary => self ? "List the public keys you log in with" : "List the public keys an account logs in with";

    public override IReadOnlyList<PluginOption> Options => self ? [] : [Text("account")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = self ? call.Caller : call.ExistingAccount(call.Required("account"));
        var keys = new JsonArray();
        var id = 0;
        foreach (var key in account.IngressKeys)
        {
            id++;
            keys.Add(View(key, id));
            await call.SayAsync($"{id}: {key.Key.Family} {key.Key.Size} {key.Key.Fingerprint} {key.Key.Comment}", cancellationToken);
        }

        return Ok(new JsonObject { ["account"] = account.Name, ["keys"] = keys });
    }

    public static JsonObject View(IngressKey key, int id)
    {
        var view = key.Key.ToJson(id, fromListSnakeCase: true);
        view["validity"] = "OK";
        return view;
    }
}
