using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>
/// <c>accountGrantCommand</c> / <c>accountRevokeCommand</c>: gives or takes one restricted plugin (or <c>auditor</c>).
/// Only admins may hand out these two plugins themselves; admin and superowner cannot be granted this way.
/// </summary>
public sealed class AccountGrantPlugin(bool grant) : OshPlugin
{
    public override string Name => grant ? "accountGrantCommand" : "accountRevokeCommand";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => grant ? "Grant a restricted command to an account" : "Revoke a restricted command from an account";

    public override IReadOnlyList<PluginOption> Options => [Text("account"), Text("command")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var name = call.Required("account");
        var command = call.Required("command");
        call.ExistingAccount(name);
        if (command is "admin" or "superowner")
        {
            return Fail("ERR_SECURITY_VIOLATION", $"The {command} role cannot be granted with this command");
        }

        var grantable = command == BastionAccount.AuditorGrant
            || call.Registry.Find(command) is { Category: PluginCategory.Restricted };
        if (!grantable)
        {
            return Fail("ERR_INVALID_PARAMETER", $"Unknown restricted command '{command}'");
        }

        if (command is "accountGrantCommand" or "accountRevokeCommand" && !call.Caller.IsAdmin)
        {
            return Fail("ERR_SECURITY_VIOLATION", "Only bastion admins may grant or revoke accountGrantCommand and accountRevokeCommand");
        }

        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var account = snapshot.Account(name)!;
            if (account.Grants.Contains(command) == grant)
            {
                return (null, false);
            }

            var updated = account with { Grants = grant ? account.Grants.Add(command) : account.Grants.Remove(command) };
            return (snapshot.With(updated), true);
        }, cancellationToken);

        if (!changed)
        {
            return NoChange($"Account {name} {(grant ? "already has" : "doesn't have")} the command {command}, nothing to do");
        }

        await call.SayAsync($"Account {name} {(grant ? "may now" : "may no longer")} run {command}", cancellationToken);
        return Ok();
    }
}
