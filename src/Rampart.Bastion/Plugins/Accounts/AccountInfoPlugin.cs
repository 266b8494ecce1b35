using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary><c>accountInfo</c>: an account's roles, grants and groups; auditors see its state too, or every account with <c>--all</c>.</summary>
public sealed class AccountInfoPlugin : OshPlugin
{
    public override string Name => "accountInfo";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Show the details of an account";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("account"), Switch("all"), Toggle("with-groups"), Toggle("with-mfa-password-info"), Toggle("with-egress-keys"), Toggle("with-everything")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var all = call.Options.Flag("all");
        var name = call.Options.String("account");
        if (all && name is not null)
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "Options --account and --all are mutually exclusive");
        }

        var everything = call.Options.NegatableFlag("with-everything") == true;
        var detailed = call.SeesEverything();
        if ((all || call.Options.NegatableFlag("with-egress-keys") == true || call.Options.NegatableFlag("with-mfa-password-info") == true) && !detailed)
        {
            return Fail("ERR_ACCESS_DENIED", "This option is reserved to auditors");
        }

        var withGroups = call.Options.NegatableFlag("with-groups") ?? everything;
        if (all)
        {
            var value = new JsonObject();
            foreach (var each in call.Snapshot.Accounts.Values)
            {
                value[each.Name] = AccountViews.Info(each, call.Snapshot, withGroups, detailed, call.Now);
            }

            return Ok(value);
        }

        if (name is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --account");
        }

        var account = call.ExistingAccount(name);
        await call.SayAsync($"{account.Name} (uid {account.Uid}){(account.IsAdmin ? ", bastion admin" : "")}", cancellationToken);
        return Ok(AccountViews.Info(account, call.Snapshot, withGroups, detailed, call.Now));
    }
}
