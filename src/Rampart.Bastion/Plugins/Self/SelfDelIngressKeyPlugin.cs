using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>selfDelIngressKey</c>: removes one of your keys, by number (as <c>selfListIngressKeys</c> shows it) or
/// fingerprint, or by a number read from stdin when neither is given, as The Bastion prompts for it. The last key is
/// never removed, whatever is asked: that check comes first.
/// </summary>
public sealed class SelfDelIngressKeyPlugin : OshPlugin
{
    public override string Name => "selfDelIngressKey";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Remove a public key you log in with";

    public override IReadOnlyList<PluginOption> Options =>
        [Number("id-to-delete", "l", "line-number-to-delete"), Text("fingerprint-to-delete", "f")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var id = call.Options.Integer("id-to-delete");
        var fingerprint = call.Options.String("fingerprint-to-delete");
        if (id is not null && fingerprint is not null)
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "You can't specify a line to delete AND a fingerprint to delete at the same time");
        }

        var keys = call.Caller.IngressKeys;
        for (var i = 0; i < keys.Length; i++)
        {
            await call.SayAsync($"{i + 1}: {keys[i].Key.Family} {keys[i].Key.Size} {keys[i].Key.Fingerprint} {keys[i].Key.Comment}", cancellationToken);
        }

        if (keys.Length == 0)
        {
            return Fail("ERR_NO_KEY", "You have no key to delete (wait, how did you connect in the first place?!)");
        }

        if (keys.Length == 1)
        {
            return Fail("ERR_ONLY_ONE_KEY", "You can't delete the only valid key you have!");
        }

        if (fingerprint is not null)
        {
            var match = keys.Select((k, i) => (k, i)).FirstOrDefault(p => p.k.Key.Fingerprint == fingerprint);
            if (match.k is null)
            {
                return Fail("ERR_NO_MATCH", "Couldn't find any key matching this fingerprint");
            }

            id = match.i + 1;
        }
        else if (id is null)
        {
            await call.SayAsync($"Type the key ID you want to delete then press ENTER ({string.Join(',', Enumerable.Range(1, keys.Length))}):", cancellationToken);
            var answer = (await call.Terminal.ReadLineAsync(cancellationToken) ?? "").Trim();
            if (!int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var typed))
            {
                return Fail("ERR_INVALID_PARAMETER", "Invalid number specified");
            }

            id = typed;
        }

        if (id < 1 || id > keys.Length)
        {
            return Fail("ERR_INVALID_ID", "Bad key ID");
        }

        var deleted = keys[id.Value - 1];
        await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var me = snapshot.Account(call.Caller.Name)!;
            return (snapshot.With(me with { IngressKeys = me.IngressKeys.RemoveAll(k => k.Key.BlobLine == deleted.Key.BlobLine) }), true);
        }, cancellationToken);

        // The reference's deleted key is its file entry: the key info plus its line number and validity.
        var view = deleted.Key.ToJson();
        view["err"] = "OK";
        view["index"] = id.Value;
        return Ok(new JsonObject { ["deleted_key"] = view }, $"Key ID {id.Value.ToString(CultureInfo.InvariantCulture)} successfully deleted");
    }
}
