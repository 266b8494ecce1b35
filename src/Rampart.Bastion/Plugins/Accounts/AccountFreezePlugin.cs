using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary><c>accountFreeze</c> / <c>accountUnfreeze</c>: a frozen account cannot log in; its data stays.</summary>
public sealed class AccountFreezePlugin(bool freeze) : OshPlugin
{
    public override string Name => freeze ? "accountFreeze" : "accountUnfreeze";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => freeze ? "Freeze an account: no login until unfrozen" : "Unfreeze a frozen account";

    public override IReadOnlyList<PluginOption> Options => freeze ? [Text("account"), Text("reason")] : [Text("account")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var name = call.Required("account");
        if (freeze && name == call.Caller.Name)
        {
            return Fail("ERR_INVALID_PARAMETER", $"Please don't freeze yourself, dear {name}, we need you!");
        }

        var account = call.ExistingAccount(name);
        if (account.IsAdmin && !call.Caller.IsAdmin)
        {
            return Fail("ERR_SECURITY_VIOLATION", "Only admins may freeze or unfreeze an admin account");
        }

        var reason = freeze ? call.Options.String("reason") : null;
        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Account(name);
            if (current is null || (current.Frozen is not null) == freeze)
            {
                return (null, false);
            }

            var updated = current with { Frozen = freeze ? new FreezeInfo(call.Caller.Name, call.Now, reason) : null };
            return (snapshot.With(updated), true);
        }, cancellationToken);

        if (!changed)
        {
            return NoChange($"Account {name} is {(freeze ? "already" : "not")} frozen, nothing to do");
        }

        await call.SayAsync($"Account {name} is now {(freeze ? "frozen" : "unfrozen")}", cancellationToken);
        var value = new JsonObject { ["account"] = name };
        if (freeze)
        {
            value["reason"] = reason;
        }

        return Ok(value);
    }
}
