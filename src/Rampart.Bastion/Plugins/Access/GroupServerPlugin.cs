using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Access;

/// <summary><c>groupAddServer</c> / <c>groupDelServer</c>: one entry in a group's ACL, by one of its aclkeepers.</summary>
public sealed class GroupServerPlugin(bool add) : OshPlugin
{
    public override string Name => add ? "groupAddServer" : "groupDelServer";

    public override PluginCategory Category => PluginCategory.GroupAclkeeper;

    public override string Summary => add ? "Add a server to a group" : "Remove a server from a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), .. AclInput.OptionsFor(add, withForce: true, withForcedCredentials: true)];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        // The reference checks the options before the caller's role.
        var groupOption = call.Required("group");
        var input = await AclInput.ReadAsync(call, userAndPortRequired: true, cancellationToken);
        var group = call.ExistingGroup(groupOption);
        await call.RequireRoleAsync(group, GroupRole.Aclkeeper, cancellationToken);
        if (add)
        {
            input = input.WithHostnameComment();
            await ConnectionCheck.RunAsync(call, input, group.EgressKeys, cancellationToken);
        }

        var entry = input.ToEntry(call.Caller.Name, call.Now);
        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Group(group.Name)!;
            var existing = current.Servers.FirstOrDefault(e => e.SameWay(entry));
            if ((existing is not null) == add)
            {
                return (null, false);
            }

            var updated = current with { Servers = add ? current.Servers.Add(entry) : current.Servers.Remove(existing!) };
            if (!add)
            {
                // Guest accesses live inside the group's ACL: an entry leaving the ACL takes its guest copies along.
                updated = updated with
                {
                    GuestAccesses = updated.GuestAccesses.SetItems(updated.GuestAccesses.Select(g =>
                        KeyValuePair.Create(g.Key, g.Value.RemoveAll(e => e.SameWay(entry))))),
                };
            }

            return (snapshot.With(updated), true);
        }, cancellationToken);

        if (!changed)
        {
            return NoChange(add ? "This server is already in the group, nothing to do" : "This server is not in the group, nothing to do");
        }

        await call.SayAsync($"{PersonalAccessPlugin.Describe(input)} {(add ? "added to" : "removed from")} group {group.Name}", cancellationToken);
        var value = input.ToJson(add ? "add" : "del");
        value["group"] = group.Name;
        return Ok(value);
    }
}
