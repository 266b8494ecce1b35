using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Access;

/// <summary><c>groupListServers</c>: a group's ACL, for its members, aclkeepers, superowners and auditors.</summary>
public sealed class GroupListServersPlugin : OshPlugin
{
    public override string Name => "groupListServers";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "List the servers of a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Many("include"), Many("exclude"), Switch("reverse-dns")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        var me = call.Caller.Name;
        if (!(group.Members.Contains(me) || group.Aclkeepers.Contains(me) || call.Caller.IsSuperOwner || call.SeesEverything()))
        {
            return Fail("KO_ACCESS_DENIED",
                $"Sorry, you're neither a member or aclkeeper of group {group.Name}, you can't list the servers of this group.\nIf you think you should be able to, use groupInfo to get contact info.");
        }

        var entries = group.Servers.Where(e => !e.IsExpired(call.Now)).ToList();
        if (entries.Count == 0)
        {
            return Empty("This group is empty, if you are an aclkeeper of this group, you might want to add servers to it with groupAddServer");
        }

        // As in the reference, --include/--exclude filter the printed rows; the JSON lists the whole ACL.
        await AclTable.PrintAsync(call, entries, $"{group.Name}(group)", cancellationToken);
        return Ok(new JsonArray([.. entries.Select(e => (JsonNode?)e.ToJson())]));
    }
}
