using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Access;

/// <summary><c>groupListGuestAccesses</c>: the entries one guest may reach through a group.</summary>
public sealed class GroupListGuestAccessesPlugin : OshPlugin
{
    public override string Name => "groupListGuestAccesses";

    public override PluginCategory Category => PluginCategory.GroupGatekeeper;

    public override string Summary => "List the guest accesses of an account in a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("account"), Many("include"), Many("exclude"), Switch("reverse-dns")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        await call.RequireRoleAsync(group, GroupRole.Gatekeeper, cancellationToken);
        var account = call.ExistingAccount(call.Required("account"));
        var entries = group.GuestAccesses.GetValueOrDefault(account.Name, []).Where(e => !e.IsExpired(call.Now)).ToList();
        if (entries.Count == 0)
        {
            return Empty($"Account {account.Name} has no guest access to group {group.Name}");
        }

        foreach (var entry in entries)
        {
            await call.SayAsync($"{entry.User ?? "*"}@{entry.IpText}:{entry.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"}", cancellationToken);
        }

        return Ok(new JsonArray([.. entries.Select(e => (JsonNode?)e.ToJson())]));
    }
}
