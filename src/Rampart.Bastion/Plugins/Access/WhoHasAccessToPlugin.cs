using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Access;

/// <summary><c>whoHasAccessTo</c>: which accounts the bastion would let reach a server, and through what.</summary>
public sealed class WhoHasAccessToPlugin : OshPlugin
{
    public override string Name => "whoHasAccessTo";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "List the accounts that can reach a server";

    public override IReadOnlyList<PluginOption> Options =>
        [Switch("ignore-personal"), Many("ignore-group"), Switch("show-wildcards"), Switch("user-any"), Switch("port-any")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var input = await AclInput.ReadAsync(call, userAndPortRequired: false, cancellationToken);
        var request = input.ToRequest();
        var ignoredGroups = call.Options.List("ignore-group");
        var showWildcards = call.Options.Flag("show-wildcards");
        var value = new JsonObject();
        foreach (var account in call.Snapshot.Accounts.Values)
        {
            var grants = AccessResolution.Grants(call.Snapshot, account, request, call.Now)
                .Where(g => showWildcards || g.Entry.Network.PrefixLength != 0)
                .Where(g => g.Group is null ? !call.Options.Flag("ignore-personal") : !ignoredGroups.Contains(g.Group))
                .ToList();
            if (grants.Count == 0)
            {
                continue;
            }

            value[account.Name] = new JsonObject
            {
                ["personal_access"] = grants.Any(g => g.Group is null) ? 1 : 0,
                ["group_access"] = new JsonArray([.. grants.Where(g => g.Group is not null).Select(g => (JsonNode?)$"{g.Group}({g.Type})")]),
            };
            await call.SayAsync($"{account.Name}: {string.Join(", ", grants.Select(g => g.Group is null ? "personal" : $"{g.Group}({g.Type})"))}", cancellationToken);
        }

        return Ok(value);
    }
}
