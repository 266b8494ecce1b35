using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary>
/// <c>groupAdd/DelOwner</c>, <c>…Gatekeeper</c>, <c>…Aclkeeper</c> (owners only) and <c>groupAdd/DelMember</c>
/// (gatekeepers): one account gains or loses one role in one group. Idempotent: <c>OK_NO_CHANGE</c> when already so.
/// </summary>
public sealed class GroupRolePlugin(GroupRole role, bool add) : OshPlugin
{
    public override string Name => $"group{(add ? "Add" : "Del")}{role}";

    public override PluginCategory Category => role == GroupRole.Member ? PluginCategory.GroupGatekeeper : PluginCategory.GroupOwner;

    public override string Summary => $"{(add ? "Add" : "Remove")} an account {(add ? "to" : "from")} the {role.ToString().ToLowerInvariant()}s of a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("account")];

    private GroupRole Authority => role == GroupRole.Member ? GroupRole.Gatekeeper : GroupRole.Owner;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var groupOption = call.Required("group");
        var accountName = call.Required("account");
        var group = call.ExistingGroup(groupOption);
        var groupName = group.Name;
        await call.RequireRoleAsync(group, Authority, cancellationToken);
        call.ExistingAccount(accountName);

        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Group(groupName)!;
            var holders = current.Holders(role);
            if (holders.Contains(accountName) == add)
            {
                return (null, false);
            }

            var updated = current.With(role, add ? holders.Add(accountName) : holders.Remove(accountName));
            if (add && role == GroupRole.Member)
            {
                // A guest who becomes a member loses its guest accesses: membership covers the whole ACL.
                updated = updated with { GuestAccesses = updated.GuestAccesses.Remove(accountName) };
            }

            return (snapshot.With(updated), true);
        }, cancellationToken);

        if (!changed)
        {
            var state = add ? "already" : "not";
            return NoChange($"Account {accountName} is {state} a {role.ToString().ToLowerInvariant()} of group {groupName}, nothing to do");
        }

        await call.SayAsync($"Account {accountName} {(add ? "is now" : "is no longer")} a {role.ToString().ToLowerInvariant()} of group {groupName}", cancellationToken);
        return Ok();
    }
}
