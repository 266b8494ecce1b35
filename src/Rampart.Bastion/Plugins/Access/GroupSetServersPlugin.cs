using Rampart.Bastion.Dispatch;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// <c>groupSetServers</c>: replaces a group's whole ACL with the lines read on stdin (<c>[user@]host[:port] [comment]</c>),
/// in one change. Names are resolved now. A bad line refuses everything unless <c>--skip-errors</c>; <c>--dry-run</c>
/// only reports; no line at all changes nothing.
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
        await call.SayAsync("Specify the entries of the new ACL below, one per line, with the following format: [USER@]HOST[:PORT][ COMMENT]", cancellationToken);
        await call.SayAsync("The list ends at EOF (usually CTRL+D).", cancellationToken);

        var entries = new List<AclEntry>();
        var acl = new JsonArray();
        var errors = new JsonArray();
        var parsed = 0;
        var text = await call.Terminal.ReadAllAsync(MaxInput, cancellationToken);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            // Lines are numbered as the reference numbers them: blank lines don't count.
            parsed++;
            var (entry, error) = await ParseLineAsync(line, parsed, call.Caller.Name, call.Now, cancellationToken);
            if (entry is null)
            {
                errors.Add(error);
                continue;
            }

            acl.Add(new JsonObject
            {
                ["ip"] = entry.IpText,
                ["port"] = entry.Port?.ToString(CultureInfo.InvariantCulture),
                ["user"] = entry.User,
                ["comment"] = entry.Comment,
            });
            if (!entries.Any(e => e.SameWay(entry)))
            {
                entries.Add(entry);
            }
        }

        foreach (var error in errors)
        {
            await call.Terminal.WriteErrorLineAsync(error!.GetValue<string>(), cancellationToken);
        }

        await call.SayAsync($"Parsed {acl.Count}/{parsed} lines successfully", cancellationToken);
        var value = new JsonObject { ["parsedLines"] = parsed, ["dryrun"] = dryRun, ["errors"] = errors, ["ACL"] = acl };
        if (errors.Count > 0 && !skipErrors)
        {
            return Fail("ERR_INVALID_PARAMETER",
                $"Aborting due to the {errors.Count} parsing or host resolving errors above, use --skip-errors to proceed anyway", value);
        }

        if (dryRun)
        {
            return Ok(value);
        }

        // No entry at all is much more likely a mistake than a wish to empty the group.
        if (entries.Count == 0)
        {
            return NoChange("No ACL was given, no change was made");
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
        value["group"] = group.Name;
        return Ok(value, $"The new ACL has been set with {acl.Count} entries and {errors.Count} errors");
    }

    /// <summary>One non-blank line: the entry, or the reference's error text for it.</summary>
    private static async Task<(AclEntry? Entry, string? Error)> ParseLineAsync(
        string line, int number, string addedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!HostSpec.TryParseServerLine(line, out var server, out var error))
        {
            return (null, error!.StartsWith("Couldn't parse", StringComparison.Ordinal) ? error : $"In line {number} ({line}), {error}");
        }

        if (await ResolveAsync(server.Host, cancellationToken) is not { } network)
        {
            return (null, $"In line {number} ({line}), Unable to resolve '{server.Host}'");
        }

        return (new AclEntry(network, server.User, server.Port, null, addedBy, now, server.Comment, null, null), null);
    }

    /// <summary>An IP or a subnet as is, a name resolved now (the ACL keeps the address); null when it doesn't resolve.</summary>
    private static async Task<IPNetwork?> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (HostSpec.TryParseIp(host, allowSubnet: true, out var network, out _))
        {
            return network;
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        return await HostResolution.AddressAsync(host, cancellationToken) is { } address ? HostResolution.OneAddress(address) : null;
    }
}
