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
            return Fail("KO_ACCESS_DENIED", $"You must be a member or an aclkeeper of group {group.Name} to list its servers");
        }

        var include = call.Options.List("include").Select(NamePattern.Compile).ToList();
        var exclude = call.Options.List("exclude").Select(NamePattern.Compile).ToList();
        var entries = group.Servers.Where(e => !e.IsExpired(call.Now))
            .Where(e => include.Count == 0 || include.Any(p => p.IsMatch(e.IpText)))
            .Where(e => !exclude.Any(p => p.IsMatch(e.IpText)))
            .ToList();
        if (entries.Count == 0)
        {
            return Empty($"Group {group.Name} has no servers");
        }

        await call.SayAsync($"Group {group.Name} has {entries.Count} server(s)", cancellationToken);
        return Ok(new JsonArray([.. entries.Select(e => (JsonNode?)e.ToJson())]));
    }
}
