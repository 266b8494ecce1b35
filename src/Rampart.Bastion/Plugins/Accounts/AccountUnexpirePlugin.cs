using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>
/// <c>accountUnexpire</c>: lets an account that went too long without a login in again, by counting its last
/// activity from now, as The Bastion's (which touches the account's lastlog). The answer says what the account was:
/// <c>OK</c> (it was expired), <c>OK_NOT_EXPIRED</c>, or <c>OK_EXPIRATION_NOT_CONFIGURED</c> when no limit applies.
/// </summary>
public sealed class AccountUnexpirePlugin : OshPlugin
{
    public override string Name => "accountUnexpire";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Unexpire an inactivity-expired account";

    public override IReadOnlyList<PluginOption> Options => [Text("account")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Options.String("account") is not { Length: > 0 } name)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing 'account' parameter");
        }

        var account = call.ExistingAccount(name);
        var now = call.Now;
        var limit = account.InactivityLimit(call.Services.Settings.AccountMaxInactiveDays);
        var days = account.InactiveDays(now);
        var expired = account.IsInactivityExpired(now, call.Services.Settings.AccountMaxInactiveDays);
        await call.Services.Directory.ChangeAsync(snapshot => snapshot.Account(account.Name) is { } current
            ? (snapshot.With(current with { LastLogin = now }), true)
            : (null, false), cancellationToken);

        var value = new JsonObject
        {
            ["account"] = account.Name,
            ["days"] = days,
            ["seconds"] = (long)Math.Max(0, (now - (account.LastLogin ?? account.Created)).TotalSeconds),
            ["already_seen_before"] = account.LastLogin is null ? 0 : 1,
        };
        var (code, message) = expired
            ? ("OK", $"Account {account.Name} was expired ({days} days without connection), it is now active again.")
            : limit > 0
                ? ("OK_NOT_EXPIRED", $"Account {account.Name} is not expired, but its last activity date has been refreshed nevertheless.")
                : ("OK_EXPIRATION_NOT_CONFIGURED",
                    $"Account {account.Name} is not expired and expiration is not configured on this bastion, but its last activity date has been refreshed nevertheless.");
        await call.SayAsync(message, cancellationToken);
        return new OshEnvelope(Name, code, message, value);
    }
}
