using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Cli;

/// <summary>
/// Turns what a user types for a connection or category into its uuid: a uuid is taken as is, anything else is a
/// glob that must match exactly one thing, so a loose pattern can never remove or change the wrong entry.
/// </summary>
internal sealed class Resolver(DaemonClient client)
{
    public async Task<List<string>> ConnectionsAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var argument in arguments)
        {
            ids.Add(await ConnectionAsync(argument, cancellationToken));
        }

        return ids;
    }

    public async Task<string> ConnectionAsync(string argument, CancellationToken cancellationToken)
    {
        if (AsUuid(argument, "connection") is { } id)
        {
            return id;
        }

        var found = await FoundAsync(
            "connection/query",
            new JsonObject { ["categoryFilter"] = "**", ["connectionFilter"] = argument, ["typeFilter"] = "*" },
            cancellationToken);
        return Single(argument, found, "connection", "connections");
    }

    public async Task<List<string>> CategoriesAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var argument in arguments)
        {
            ids.Add(await CategoryAsync(argument, cancellationToken));
        }

        return ids;
    }

    public async Task<string> CategoryAsync(string argument, CancellationToken cancellationToken)
    {
        if (AsUuid(argument, "category") is { } id)
        {
            return id;
        }

        var found = await FoundAsync("category/query", new JsonObject { ["filter"] = argument }, cancellationToken);
        if (found.Count == 0 && !argument.StartsWith("**/", StringComparison.Ordinal))
        {
            // Category paths start at a root ("all connections/default"); let "default" find it without one.
            found = await FoundAsync("category/query", new JsonObject { ["filter"] = "**/" + argument }, cancellationToken);
        }

        return Single(argument, found, "category", "categories");
    }

    /// <summary>The <c>found</c> uuids of a query answer.</summary>
    public async Task<List<string>> FoundAsync(string path, JsonObject request, CancellationToken cancellationToken)
    {
        var answer = await client.CallForObjectAsync(path, request, cancellationToken);
        return answer["found"] is JsonArray found
            ? [.. found.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).OfType<string>()]
            : throw new CliException($"the daemon answered /{path} without a \"found\" list");
    }

    private static string? AsUuid(string argument, string what)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw CliException.Usage($"an empty {what} name; give a uuid, a name or a glob");
        }

        return Guid.TryParseExact(argument, "D", out var id) ? id.ToString("D") : null;
    }

    private static string Single(string argument, List<string> found, string singular, string plural) => found.Count switch
    {
        1 => found[0],
        0 => throw new CliException($"unknown {singular} '{argument}'"),
        _ => throw new CliException($"'{argument}' matches {found.Count} {plural}; use a uuid or a narrower glob"),
    };
}
