using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Keys;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary><c>accountCreate</c>: a new account with its OS user, personal egress key and, usually, one ingress key.</summary>
public sealed class AccountCreatePlugin : OshPlugin
{
    public override string Name => "accountCreate";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Create a new bastion account";

    public override IReadOnlyList<PluginOption> Options =>
    [
        Text("account"), Number("uid"), Switch("uid-auto"), Switch("always-active"), Switch("osh-only"), Number("max-inactive-days"),
        Switch("immutable-key"), Text("comment"), Text("public-key"), Switch("no-key"), Text("ttl"),
    ];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var name = call.Required("account");
        var uid = call.Options.Integer("uid");
        var uidAuto = call.Options.Flag("uid-auto");
        if (uid is not null && uidAuto)
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "Options --uid and --uid-auto are mutually exclusive");
        }

        if (uid is null && !uidAuto)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --uid or --uid-auto");
        }

        var publicKeyText = call.Options.String("public-key");
        var noKey = call.Options.Flag("no-key");
        if (publicKeyText is not null && noKey)
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "Options --public-key and --no-key are mutually exclusive");
        }

        DateTimeOffset? expiry = null;
        if (call.Options.String("ttl") is { } ttlText)
        {
            if (!TtlText.TryParse(ttlText, out var ttl))
            {
                return Fail("ERR_INVALID_PARAMETER", $"Invalid TTL '{ttlText}', expected seconds or a duration such as 1d7h8m");
            }

            expiry = call.Now + ttl;
        }

        if (call.Snapshot.Account(name) is not null)
        {
            return Fail("KO_ALREADY_EXISTING", $"Account '{name}' already exists");
        }

        SshPublicKey? key = null;
        if (!noKey)
        {
            if (publicKeyText is null)
            {
                await call.SayAsync("Please paste the SSH public key of the new account:", cancellationToken);
                publicKeyText = await call.Terminal.ReadLineAsync(cancellationToken) ?? "";
            }

            key = IngressKeys.Parse(publicKeyText);
        }

        await AccountCreation.CreateAsync(call.Services, new AccountRequest(
            name, uid, key, call.Options.String("comment"), expiry, call.Options.Flag("always-active"), call.Options.Flag("osh-only"),
            IsAdmin: false, Grants: []), call.Caller.Name, cancellationToken);
        await call.SayAsync($"Account {name} created", cancellationToken);
        return Ok();
    }
}
