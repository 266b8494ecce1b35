using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>selfDelIngressKey</c>: removes one of your keys, by number or fingerprint; never the last one.</summary>
public sealed class SelfDelIngressKeyPlugin : OshPlugin
{
    public override string Name => "selfDelIngressKey";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Remove a public key you log in with";

    public override IReadOnlyList<PluginOption> Options => [Text("id-to-delete", "l"), Text("fingerprint-to-delete", "f")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var idText = call.Options.String("id-to-delete");
        var fingerprint = call.Options.String("fingerprint-to-delete");
        if (idText is null && fingerprint is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Please specify --id-to-delete or --fingerprint-to-delete");
        }

        var keys = call.Caller.IngressKeys;
        if (keys.Length == 0)
        {
            return Fail("ERR_NO_KEY", "You have no key to delete");
        }

        int index;
        if (idText is not null)
        {
            if (!int.TryParse(idText, out var id) || id < 1 || id > keys.Length)
            {
                return Fail("ERR_INVALID_ID", $"There is no key with id {idText}");
            }

            index = id - 1;
        }
        else
        {
            index = keys.IndexOf(keys.FirstOrDefault(k => k.Key.Fingerprint == fingerprint)!);
            if (index < 0)
            {
                return Fail("ERR_NO_MATCH", $"No key has the fingerprint {fingerprint}");
            }
        }

        if (keys.Length == 1)
        {
            return Fail("ERR_ONLY_ONE_KEY", "This is your only key: add another one before deleting it, or you'd be locked out");
        }

        var deleted = keys[index];
        await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var me = snapshot.Account(call.Caller.Name)!;
            return (snapshot.With(me with { IngressKeys = me.IngressKeys.RemoveAll(k => k.Key.BlobLine == deleted.Key.BlobLine) }), true);
        }, cancellationToken);
        await call.SayAsync($"Key {deleted.Key.Fingerprint} deleted", cancellationToken);
        return Ok(new JsonObject { ["deleted_key"] = deleted.Key.ToJson() });
    }
}
