using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary><c>accountDelete</c>: removes an account and its OS user, after the confirmation sentence The Bastion asks for.</summary>
public sealed class AccountDeletePlugin : OshPlugin
{
    public override string Name => "accountDelete";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Delete an account";

    public override IReadOnlyList<PluginOption> Options => [Text("account"), Switch("no-confirm")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var name = call.Required("account");
        var account = call.ExistingAccount(name);
        if (account.IsAdmin && !call.Caller.IsAdmin)
        {
            return Fail("ERR_SECURITY_VIOLATION", "Only admins may delete an admin account");
        }

        if (!call.Options.Flag("no-confirm"))
        {
            var sentence = $"Yes, do as I say and delete {name}, kthxbye";
            await call.SayAsync($"Are you sure you want to delete {name}? Type '{sentence}' to confirm:", cancellationToken);
            if (await call.Terminal.ReadLineAsync(cancellationToken) is not { } answer || answer.Trim() != sentence)
            {
                return Fail("ERR_OPERATOR_IS_DRUNK", "You're drunk, apparently, aborted.");
            }
        }

        var deleted = await call.Services.Directory.ChangeAsync(async (snapshot, ct) =>
        {
            if (snapshot.Account(name) is null)
            {
                return (null, false);
            }

            await call.Services.Accounts.DeleteUserAsync(name, ct);
            var after = snapshot.WithoutAccount(name);
            // The account leaves every role and guest access it held.
            foreach (var group in snapshot.GroupsOf(name))
            {
                after = after.With(group with
                {
                    Owners = group.Owners.Remove(name),
                    Gatekeepers = group.Gatekeepers.Remove(name),
                    Aclkeepers = group.Aclkeepers.Remove(name),
                    Members = group.Members.Remove(name),
                    GuestAccesses = group.GuestAccesses.Remove(name),
                });
            }

            return (after, true);
        }, cancellationToken);

        if (!deleted)
        {
            return Fail("KO_NOT_FOUND", $"Account '{name}' doesn't exist");
        }

        await call.SayAsync($"Account {name} deleted", cancellationToken);
        return Ok(new JsonObject { ["account"] = name, ["ttygroup"] = name + "-tty", ["operation"] = "deleted", ["errors"] = 0 });
    }
}
