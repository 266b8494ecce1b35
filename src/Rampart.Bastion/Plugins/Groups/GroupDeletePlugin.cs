using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary>
/// <c>groupDelete</c> (restricted: any group) and <c>groupDestroy</c> (an owner, their own group): the group, its ACL,
/// keys and roles go, after the group's name is typed again as confirmation.
/// </summary>
public sealed class GroupDeletePlugin(bool byOwner) : OshPlugin
{
    public override string Name => byOwner ? "groupDestroy" : "groupDelete";

    public override PluginCategory Category => byOwner ? PluginCategory.GroupOwner : PluginCategory.Restricted;

    public override string Summary => byOwner ? "Delete a group you own" : "Delete any group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Switch("no-confirm")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        if (byOwner)
        {
            await call.RequireRoleAsync(group, GroupRole.Owner, cancellationToken);
        }

        if (!call.Options.Flag("no-confirm"))
        {
            await call.SayAsync($"Deleting group {group.Name} removes its servers, keys and roles. Type the group's name to confirm:", cancellationToken);
            if (await call.Terminal.ReadLineAsync(cancellationToken) is not { } answer || answer.Trim() != group.Name)
            {
                return Fail("ERR_OPERATOR_IS_DRUNK", "You're drunk, apparently, aborted.");
            }
        }

        var deleted = await call.Services.Directory.ChangeAsync(snapshot =>
            snapshot.Group(group.Name) is null ? (null, false) : (snapshot.WithoutGroup(group.Name), true), cancellationToken);
        if (!deleted)
        {
            return Fail("KO_GROUP_NOT_FOUND", $"The group '{group.Name}' doesn't exist");
        }

        await call.SayAsync($"Group {group.Name} deleted", cancellationToken);
        // The Bastion returns its system group name here, key<G>; clients compare it.
        return Ok(new JsonObject { ["group"] = "key" + group.Name, ["operation"] = "deleted", ["errors"] = 0 });
    }
}
