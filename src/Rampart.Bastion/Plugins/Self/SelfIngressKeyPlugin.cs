using System.Text.Json.Nodes;
using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Keys;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>selfAddIngressKey</c>: one more public key to log in with (from <c>--public-key</c> or stdin).</summary>
public sealed class SelfAddIngressKeyPlugin : OshPlugin
{
    public override string Name => "selfAddIngressKey";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Add a public key you can log in with";

    public override IReadOnlyList<PluginOption> Options => [Text("public-key", "pubKey"), Switch("piv")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        if (call.Options.Flag("piv"))
        {
            return Fail("KO_PIV_NOT_AVAILABLE", "PIV keys are not supported on this bastion");
        }

        var text = call.Options.String("public-key");
        if (text is not null && call.Options.Positionals.Count > 0)
        {
            // An unquoted key arrives as several words: The Bastion glues them back together.
            text += " " + string.Join(' ', call.Options.Positionals);
        }

        if (text is null)
        {
            await call.SayAsync("Please paste the SSH public key you want to add:", cancellationToken);
            text = await call.Terminal.ReadLineAsync(cancellationToken) ?? "";
        }

        // A key that reads but is refused by policy comes back in the value, as The Bastion answers.
        if (!SshPublicKeyParser.TryParse(text, out var key, out var code, out var message))
        {
            return Fail(code, message);
        }

        if (IngressKeys.Policy.Check(key) is { } refused)
        {
            return Fail(refused, KeyErrors.Describe(refused), new JsonObject { ["key"] = key.ToJson(fromListSnakeCase: true) });
        }

        var added = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var me = snapshot.Account(call.Caller.Name)!;
            if (me.IngressKeys.Any(k => k.Key.BlobLine == key.BlobLine))
            {
                return (null, false);
            }

            return (snapshot.With(me with { IngressKeys = me.IngressKeys.Add(new IngressKey(key, call.Now, call.Caller.Name)) }), true);
        }, cancellationToken);

        if (!added)
        {
            return Fail("KO_DUPLICATE_KEY", "This public key is already in your account", new JsonObject { ["key"] = key.ToJson(fromListSnakeCase: true) });
        }

        await call.SayAsync($"Public key {key.Fingerprint} added", cancellationToken);
        return Ok(new JsonObject
        {
            ["connect_only_from"] = new JsonArray([.. call.Services.Settings.IngressFrom(key.FromList).Select(f => (JsonNode?)f)]),
            ["key"] = key.ToJson(fromListSnakeCase: true),
        });
    }
}
