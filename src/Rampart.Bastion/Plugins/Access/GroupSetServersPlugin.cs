using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// <c>groupSetServers</c>: replaces a group's whole ACL with the lines read on stdin (<c>[user@]host[:port] [comment]</c>),
/// in one change. A bad line refuses everything unless <c>--skip-errors</c>; <c>--dry-run</c> only reports.
/// </summary>
public sealed class GroupSetServersPlugin : OshPlugin
{
    private const int MaxInput = 64 * 1024 * 1024;

    public override string Name => "groupSetServers";

    public override PluginCategory Category => PluginCategory.GroupAclkeeper;

    public override string Summary => "Replace the servers of a group by the list given on stdin";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Switch("dry-run"), Switch("skip-errors")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        await call.RequireRoleAsync(group, GroupRole.Aclkeeper, cancellationToken);
        var dryRun = call.Options.Flag("dry-run");
        var skipErrors = call.Options.Flag("skip-errors");

        var entries = new List<AclEntry>();
        var errors = new JsonArray();
        var parsed = 0;
        var lineNumber = 0;
        var text = await call.Terminal.ReadAllAsync(MaxInput, cancellationToken);
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            parsed++;
            if (!HostSpec.TryParseServerLine(line, out var server, out var error))
            {
                errors.Add($"line {lineNumber}: {error}");
                continue;
            }

            if (!HostSpec.TryParseIp(server.Host, allowSubnet: true, out var network, out _))
            {
                errors.Add($"line {lineNumber}: '{server.Host}' is not an IP address or subnet");
                continue;
            }

            var entry = new AclEntry(network, server.User, server.Port, null, call.Caller.Name, call.Now, server.Comment, null, null);
            if (!entries.Any(e => e.SameWay(entry)))
            {
                entries.Add(entry);
            }
        }

        var value = new JsonObject
        {
            ["parsedLines"] = parsed,
            ["dryrun"] = dryRun,
            ["errors"] = errors,
            ["ACL"] = new JsonArray([.. entries.Select(e => (JsonNode?)new JsonObject
            {
                ["ip"] = e.IpText,
                ["user"] = e.User,
                ["port"] = e.Port,
                ["comment"] = e.Comment,
            })]),
        };

        if (errors.Count > 0 && !skipErrors)
        {
            return Fail("ERR_INVALID_PARAMETER", $"{errors.Count} line(s) could not be parsed, nothing changed (use --skip-errors to ignore them)", value);
        }

        if (dryRun)
        {
            await call.SayAsync($"Dry run: group {group.Name} would have {entries.Count} server(s)", cancellationToken);
            return Ok(value);
        }

        await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Group(group.Name)!;
            var servers = entries.ToImmutableArray();
            // Guest accesses that no longer fall inside the new ACL go, as they would with groupDelServer.
            var guests = current.GuestAccesses.SetItems(current.GuestAccesses.Select(g => KeyValuePair.Create(
                g.Key, g.Value.RemoveAll(e => !servers.Any(s => s.SameWay(e))))));
            return (snapshot.With(current with { Servers = servers, GuestAccesses = guests }), true);
        }, cancellationToken);
        await call.SayAsync($"Group {group.Name} now has {entries.Count} server(s)", cancellationToken);
        return Ok(value);
    }
}
