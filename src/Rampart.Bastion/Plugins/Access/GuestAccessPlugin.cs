using System.Collections.Immutable;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// <c>groupAddGuestAccess</c> / <c>groupDelGuestAccess</c>: lets an account that is not a member reach one entry of a
/// group's ACL with the group's keys. The group must already have that access; a member cannot also be a guest.
/// </summary>
public sealed class GuestAccessPlugin(bool add) : OshPlugin
{
    public override string Name => add ? "groupAddGuestAccess" : "groupDelGuestAccess";

    public override PluginCategory Category => PluginCategory.GroupGatekeeper;

    public override string Summary => add ? "Give an account access to one server of a group" : "Remove a guest access";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("account"), .. AclInput.OptionsFor(add, withForce: false, withForcedCredentials: false)];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        // In the reference's order: the options, the group's TTL policy, then the accounts and the caller's role.
        var groupOption = call.Required("group");
        var accountOption = call.Required("account");
        var input = await AclInput.ReadAsync(call, userAndPortRequired: true, cancellationToken);
        var group = call.ExistingGroup(groupOption);
        if (add && group.Settings.GuestTtlLimit is { } limit)
        {
            if (input.Ttl is not { } ttl || ttl == TimeSpan.Zero)
            {
                return Fail("ERR_INVALID_PARAMETER", $"This group requires guest accesses to have a TTL set, to a duration of {TtlText.Format(limit)} or less");
            }

            if (ttl > limit)
            {
                return Fail("ERR_INVALID_PARAMETER", $"The TTL you specified is invalid, this group requires guest accesses to have a TTL of {TtlText.Format(limit)} maximum");
            }
        }

        var account = call.ExistingAccount(accountOption);
        await call.RequireRoleAsync(group, GroupRole.Gatekeeper, cancellationToken);
        if (add)
        {
            if (AclMatcher.BestMatch(group.Servers, input.ToRequest(), call.Now) is not { } granting)
            {
                return Fail("ERR_GROUP_HAS_NO_ACCESS",
                    $"The group {group.Name} doesn't have access to {PersonalAccessPlugin.Describe(input)}, so you can't add a guest group access to it (first add it to the group if applicable, with groupAddServer)");
            }

            // Without a comment of its own, a guest access takes the one of the group entry it comes from.
            if (string.IsNullOrEmpty(input.Comment))
            {
                input = input with { Comment = granting.Comment };
            }
        }

        if (group.Members.Contains(account.Name))
        {
            return Fail("ERR_MEMBER_CANNOT_BE_GUEST", $"Can't {(add ? "add" : "del")} {account.Name} as a guest of group {group.Name}, they're already a member!");
        }

        var entry = input.ToEntry(call.Caller.Name, call.Now);
        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Group(group.Name)!;
            var entries = current.GuestAccesses.GetValueOrDefault(account.Name, []);
            var existing = entries.FirstOrDefault(e => e.SameWay(entry));
            if ((existing is not null) == add)
            {
                return (null, false);
            }

            var updatedEntries = add ? entries.Add(entry) : entries.Remove(existing!);
            var guests = updatedEntries.IsEmpty
                ? current.GuestAccesses.Remove(account.Name)
                : current.GuestAccesses.SetItem(account.Name, updatedEntries);
            return (snapshot.With(current with { GuestAccesses = guests }), true);
        }, cancellationToken);

        if (!changed)
        {
            return NoChange(add ? "This guest access already exists, nothing to do" : "This guest access doesn't exist, nothing to do");
        }

        await call.SayAsync($"Guest access of {account.Name} to {PersonalAccessPlugin.Describe(input)} in group {group.Name} {(add ? "added" : "removed")}", cancellationToken);
        return Ok();
    }
}
