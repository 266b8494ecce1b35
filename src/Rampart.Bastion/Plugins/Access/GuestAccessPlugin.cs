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

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("account"), .. AclInput.OptionsFor(withForce: false)];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        await call.RequireRoleAsync(group, GroupRole.Gatekeeper, cancellationToken);
        var account = call.ExistingAccount(call.Required("account"));
        if (group.Members.Contains(account.Name))
        {
            return Fail("ERR_MEMBER_CANNOT_BE_GUEST", $"Account {account.Name} is a member of group {group.Name}, it can't also be a guest");
        }

        var input = await AclInput.ReadAsync(call, userAndPortRequired: true, cancellationToken);
        if (add && AclMatcher.BestMatch(group.Servers, input.ToRequest(), call.Now) is null)
        {
            return Fail("ERR_GROUP_HAS_NO_ACCESS", $"Group {group.Name} has no access to {PersonalAccessPlugin.Describe(input)}, so it can't be shared");
        }

        if (add && group.Settings.GuestTtlLimit is { } limit && (input.Ttl is null || input.Ttl > limit))
        {
            return Fail("ERR_INVALID_PARAMETER", $"Group {group.Name} requires guest accesses to have a TTL of at most {TtlText.Format(limit)}");
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
