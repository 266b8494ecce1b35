using System.Text.Json.Nodes;

namespace Rampart.Cli;

/// <summary>Fetches the infos for a list of uuids, in batches so a query over 100,000 entries stays bounded per request.</summary>
internal static class InfoFetcher
{
    private const int BatchSize = 1000;

    /// <param name="path"><c>connection/info</c> or <c>category/info</c>.</param>
    /// <param name="listField">The request's list field: <c>connections</c> or <c>categories</c>.</param>
    /// <returns>The daemon's answer shape, <c>{"infos": […]}</c>, with every batch's infos in order.</returns>
    public static async Task<JsonObject> FetchAsync(
        DaemonClient client, string path, string listField, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var infos = new JsonArray();
        for (var start = 0; start < ids.Count; start += BatchSize)
        {
            var batch = new JsonArray([.. ids.Skip(start).Take(BatchSize).Select(id => (JsonNode)id)]);
            var answer = await client.CallForObjectAsync(path, new JsonObject { [listField] = batch }, cancellationToken);
            if (answer["infos"] is not JsonArray found)
            {
                throw new CliException($"the daemon answered /{path} without an \"infos\" list");
            }

            // A node has one parent: detach the batch's infos before adding them to the combined list.
            var items = found.ToList();
            found.Clear();
            foreach (var info in items)
            {
                infos.Add(info);
            }
        }

        return new JsonObject { ["infos"] = infos };
    }

    /// <summary>The info objects of a <c>{"infos": […]}</c> answer.</summary>
    public static IEnumerable<JsonObject> Items(JsonObject answer) =>
        answer["infos"] is JsonArray infos ? infos.OfType<JsonObject>() : [];
}
