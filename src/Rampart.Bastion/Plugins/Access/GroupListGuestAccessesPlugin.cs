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
        var groupOption = call.Required("group");
        var accountOption = call.Required("account");
        var group = call.ExistingGroup(groupOption);
        await call.RequireRoleAsync(group, GroupRole.Gatekeeper, cancellationToken);
        var account = call.ExistingAccount(accountOption);
        var entries = group.GuestAccesses.GetValueOrDefault(account.Name, []).Where(e => !e.IsExpired(call.Now)).ToList();
        if (entries.Count == 0)
        {
            return Empty("This account doesn't seem to have any guest access to this group");
        }

        await AclTable.PrintAsync(call, entries, $"{group.Name}(group-guest)", cancellationToken);
        return Ok(new JsonArray([.. entries.Select(e => (JsonNode?)e.ToJson())]));
    }
}
