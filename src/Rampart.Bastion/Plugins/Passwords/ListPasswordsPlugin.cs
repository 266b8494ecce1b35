using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Passwords;

/// <summary>
/// <c>selfListPasswords</c>, <c>accountListPasswords</c> and <c>groupListPasswords</c>: the hashes and metadata of the
/// egress passwords, current first then the fallbacks, as The Bastion lists them (the value is a list of
/// <c>{description, hashes, metadata}</c>). A group's are shown to its members only (superowners pass).
/// </summary>
public sealed class ListPasswordsPlugin(PasswordOwner owner) : OshPlugin
{
    public override string Name => owner switch
    {
        PasswordOwner.Self => "selfListPasswords",
        PasswordOwner.Account => "accountListPasswords",
        _ => "groupListPasswords",
    };

    public override PluginCategory Category => owner == PasswordOwner.Account ? PluginCategory.Restricted : PluginCategory.Open;

    public override string Summary => owner switch
    {
        PasswordOwner.Self => "List the hashes and metadata of your egress passwords",
        PasswordOwner.Account => "List the hashes and metadata of an account's egress passwords",
        _ => "List the hashes and metadata of a group's egress passwords",
    };

    public override IReadOnlyList<PluginOption> Options => owner switch
    {
        PasswordOwner.Self => [],
        PasswordOwner.Account => [Text("account")],
        _ => [Text("group")],
    };

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        IReadOnlyList<EgressPassword> passwords;
        string none;
        switch (owner)
        {
            case PasswordOwner.Self:
                passwords = call.Caller.Passwords;
                none = "You don't have any egress password configured";
                break;
            case PasswordOwner.Account:
                passwords = call.ExistingAccount(call.Required("account")).Passwords;
                none = "This account doesn't have any egress password configured";
                break;
            default:
                var group = call.ExistingGroup(call.Options.String("group")
                    ?? throw new PluginFailureException("ERR_MISSING_PARAMETER", "Expected a --group argument"));
                if (!group.Members.Contains(call.Caller.Name) && !call.Caller.IsSuperOwner && !call.Caller.IsAdmin)
                {
                    return Fail("ERR_NOT_ALLOWED", $"Sorry, you must be a member of group {group.Name}");
                }

                passwords = group.Passwords;
                none = "This group doesn't have any egress password configured";
                break;
        }

        var list = EgressPasswords.ListJson(passwords);
        foreach (var item in list)
        {
            await call.SayAsync(item!["description"]!.GetValue<string>(), cancellationToken);
            foreach (var (name, hash) in item["hashes"]!.AsObject())
            {
                await call.SayAsync($"... {name,11}: {hash!.GetValue<string>()}", cancellationToken);
            }

            await call.SayAsync("", cancellationToken);
        }

        if (passwords.Count == 0)
        {
            await call.SayAsync(none, cancellationToken);
        }

        return Ok(list);
    }
}
