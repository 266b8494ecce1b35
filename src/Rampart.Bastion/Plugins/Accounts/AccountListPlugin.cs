using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>
/// <c>accountList</c>: every account, keyed by name, with uid and activeness; <c>--audit</c> adds state for auditors.
/// Every account is active here (there is no external activeness check), so <c>--inactive-only</c> lists none.
/// </summary>
public sealed class AccountListPlugin : OshPlugin
{
    public override string Name => "accountList";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "List the bastion's accounts";

    public override IReadOnlyList<PluginOption> Options =>
        [Many("account"), Switch("inactive-only"), Switch("audit"), Switch("no-password-info"), Switch("no-output"), Many("include"), Many("exclude"), Switch("realm-only")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        if (call.Options.Flag("realm-only"))
        {
            return Fail("ERR_INVALID_PARAMETER", "This bastion has no realms");
        }

        var audit = call.Options.Flag("audit");
        if (audit && !call.SeesEverything())
        {
            return Fail("ERR_PERMISSION_DENIED", "Only auditors may use --audit");
        }

        var wanted = call.Options.List("account");
        var include = call.Options.List("include").Select(NamePattern.Compile).ToList();
        var exclude = call.Options.List("exclude").Select(NamePattern.Compile).ToList();
        var value = new JsonObject();
        foreach (var account in call.Snapshot.Accounts.Values)
        {
            if ((wanted.Count > 0 && !wanted.Contains(account.Name))
                || (include.Count > 0 && !include.Any(p => p.IsMatch(account.Name)))
                || exclude.Any(p => p.IsMatch(account.Name))
                || call.Options.Flag("inactive-only"))
            {
                continue;
            }

            var entry = new JsonObject { ["name"] = account.Name, ["uid"] = account.Uid, ["is_active"] = 1, ["created_by"] = account.CreatedBy };
            if (audit)
            {
                entry["is_frozen"] = account.Frozen is null ? 0 : 1;
                if (account.Frozen is not null)
                {
                    entry["freeze_info"] = AccountViews.FreezeInfo(account.Frozen);
                }

                entry["is_ttl_expired"] = account.IsTtlExpired(call.Now) ? 1 : 0;
                var expired = account.IsInactivityExpired(call.Now, call.Services.Settings.AccountMaxInactiveDays);
                entry["is_expired"] = expired ? 1 : 0;
                if (expired)
                {
                    entry["expired_days"] = account.InactiveDays(call.Now);
                }
                entry["already_seen_before"] = account.LastLogin is null ? 0 : 1;
                entry["last_activity"] = account.LastLogin is { } last ? $"Last seen on {AccountViews.Date(last)}" : null;
                entry["last_activity_timestamp"] = account.LastLogin?.ToUnixTimeSeconds();
                entry["can_connect"] = account.Frozen is null && !account.IsTtlExpired(call.Now) && !expired ? 1 : 0;
                AccountViews.AddMfaFlags(entry, account);
            }

            value[account.Name] = entry;
            if (!call.Options.Flag("no-output"))
            {
                await call.SayAsync($"{account.Name,-28} uid {account.Uid}", cancellationToken);
            }
        }

        if (call.Options.Flag("no-output"))
        {
            await call.SayAsync("No-output requested, if you see only this message, you might have omitted --json", cancellationToken);
        }

        // Unlike the access listings, The Bastion's accountList has no OK_EMPTY: no match is an empty object.
        return Ok(value);
    }
}
