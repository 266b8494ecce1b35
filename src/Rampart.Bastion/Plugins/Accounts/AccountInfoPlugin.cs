using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary><c>accountInfo</c>: an account's roles, grants and groups; auditors see its state too, or every account with <c>--all</c>.</summary>
public sealed class AccountInfoPlugin : OshPlugin
{
    public override string Name => "accountInfo";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Show the details of an account";

    // The Bastion's pairs are --with-X / --without-X (not Getopt's --no-X); --list-groups is the old --with-groups.
    public override IReadOnlyList<PluginOption> Options =>
    [
        Text("account"), Switch("all"), Switch("with-groups", "list-groups"), Switch("without-groups"), Switch("with-mfa-password-info"),
        Switch("without-mfa-password-info"), Switch("with-egress-keys"), Switch("without-egress-keys"), Switch("with-everything"), Switch("without-everything"),
    ];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var all = call.Options.Flag("all");
        var name = call.Options.String("account");
        if (all && name is not null)
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "Options --account and --all are mutually exclusive");
        }

        var detailed = call.SeesEverything();
        if ((all || With(call, "egress-keys") || With(call, "mfa-password-info")) && !detailed)
        {
            return Fail("ERR_ACCESS_DENIED", "This option can only be used by bastion auditors");
        }

        var withGroups = With(call, "groups");
        if (all)
        {
            var value = new JsonObject();
            foreach (var each in call.Snapshot.Accounts.Values)
            {
                value[each.Name] = AccountViews.Info(each, call.Snapshot, withGroups, detailed, call.Now, call.Services.Settings.AccountMaxInactiveDays);
            }

            return Ok(value);
        }

        if (name is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --account");
        }

        var account = call.ExistingAccount(name);
        await call.SayAsync($"{account.Name} (uid {account.Uid}){(account.IsAdmin ? ", bastion admin" : "")}", cancellationToken);
        return Ok(AccountViews.Info(account, call.Snapshot, withGroups, detailed, call.Now, call.Services.Settings.AccountMaxInactiveDays));
    }

    /// <summary>
    /// Whether <c>--with-NAME</c> is in effect: the specific pair wins over <c>--with[out]-everything</c>, and a
    /// <c>--without</c> over a <c>--with</c> of the same pair (The Bastion applies them in command line order).
    /// </summary>
    private static bool With(PluginCall call, string name) =>
        !call.Options.Flag("without-" + name)
        && (call.Options.Flag("with-" + name) || (call.Options.Flag("with-everything") && !call.Options.Flag("without-everything")));
}
