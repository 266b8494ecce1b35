using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// <c>whoHasAccessTo</c>: which accounts the bastion would let reach a server, and through what. As in the reference,
/// a user or port not given doesn't restrict anything, and accesses through 0.0.0.0/0 are hidden unless
/// <c>--show-wildcards</c>.
/// </summary>
public sealed class WhoHasAccessToPlugin : OshPlugin
{
    public override string Name => "whoHasAccessTo";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "List the accounts that can reach a server";

    public override IReadOnlyList<PluginOption> Options =>
        [Switch("ignore-personal", "ignore-private"), Many("ignore-group"), Switch("show-wildcards"), Switch("user-any"), Switch("port-any")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var host = call.Invocation.Host ?? (call.Options.Positionals.Count > 0 ? call.Options.Positionals[0] : null);
        if (string.IsNullOrEmpty(host))
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing parameter host (or it didn't resolve correctly)");
        }

        var user = call.Options.Flag("user-any") ? "*" : call.Invocation.User;
        var port = call.Options.Flag("port-any") ? null : call.Invocation.Port;
        var request = new AclRequest(await AclInput.ResolveHostAsync(host, cancellationToken), user, port)
        {
            IgnoreUser = user is null,
            IgnorePort = port is null && !call.Options.Flag("port-any"),
        };
        var ignoredGroups = call.Options.List("ignore-group");
        var ignorePersonal = call.Options.Flag("ignore-personal");
        var showWildcards = call.Options.Flag("show-wildcards");
        await call.Terminal.WriteErrorLineAsync("IMPORTANT: read the --help of this command to understand what is shown here and why.", cancellationToken);

        var value = new JsonObject();
        foreach (var account in call.Snapshot.Accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var grants = AccessResolution.Grants(call.Snapshot, account, request, call.Now)
                .Where(g => showWildcards || g.Entry.Network.PrefixLength != 0)
                .ToList();
            var personal = !ignorePersonal && grants.Any(g => g.Group is null);
            var groups = grants.Where(g => g.Group is not null && !ignoredGroups.Contains(g.Group))
                .Select(g => $"{g.Group}({g.Type})").Distinct().Order(StringComparer.Ordinal).ToList();
            if (!personal && groups.Count == 0)
            {
                continue;
            }

            value[account.Name] = new JsonObject
            {
                ["personal_access"] = personal ? 1 : 0,
                ["group_access"] = new JsonArray([.. groups.Select(g => (JsonNode?)g)]),
            };
            await call.SayAsync(
                $"{account.Name} has access by {(personal ? "his personal key" : "")}{(personal && groups.Count > 0 ? " and by " : "")}{(groups.Count > 0 ? "the following groups: " + string.Join(' ', groups) : " only")}",
                cancellationToken);
        }

        return Ok(value);
    }
}
