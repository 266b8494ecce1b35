using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Core.Inventory;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>How entries and categories are written on the wire.</summary>
public static class EntryJson
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <param name="idField"><c>connection</c> for the classic paths, <c>store</c> for <c>/store/*</c>.</param>
    public static JsonObject Info(EntryInfo info, string idField) => new()
    {
        [idField] = info.Entry.Id.ToString("D"),
        ["category"] = new JsonArray([.. info.CategoryPath.Select(s => (JsonNode)s)]),
        ["name"] = new JsonArray([.. info.NamePath.Select(s => (JsonNode)s)]),
        ["type"] = info.Entry.Type,
        ["rawData"] = JsonNode.Parse(info.Entry.RawData),
        ["usageCategory"] = info.UsageCategory,
        ["created"] = Time(info.Entry.Created),
        ["lastUsed"] = Time(info.Entry.LastUsed),
        ["lastModified"] = Time(info.Entry.LastModified),
        ["state"] = JsonNode.Parse(info.Entry.StateJson),
        ["cache"] = new JsonObject(),
    };

    public static JsonObject Category(CategoryInfo info) => new()
    {
        ["category"] = info.Category.Id.ToString("D"),
        ["parentCategory"] = info.Category.ParentId?.ToString("D"),
        ["name"] = new JsonArray([.. info.Path.Select(s => (JsonNode)s)]),
        ["created"] = Time(info.Category.Created),
        ["lastUsed"] = Time(info.Category.LastUsed),
        ["lastModified"] = Time(info.Category.LastModified),
        ["config"] = JsonNode.Parse(info.Category.ConfigJson),
    };

    /// <summary><c>{"found": [ids…]}</c>, streamed: a query may return 100,000 ids.</summary>
    public static IResult Found(IReadOnlyList<Guid> ids) => ApiResults.Json(
        writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("found");
        foreach (var id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    },
        indented: ids.Count <= 1000);

    public static IResult Infos(IEnumerable<JsonObject> infos) => ApiResults.Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("infos");
        foreach (var info in infos)
        {
            info.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

}
