using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Cli.Output;

/// <summary>How JSON values from the daemon appear in a table cell.</summary>
internal static class Cells
{
    public const string Missing = "-";

    /// <summary>A path array such as <c>["local machine","web1"]</c> as <c>local machine/web1</c>.</summary>
    public static string PathOf(JsonNode? node) => node is JsonArray parts
        ? string.Join('/', parts.Select(Of))
        : Of(node);

    /// <summary>Strings as they are, null as <c>-</c>, anything else as one-line JSON.</summary>
    public static string Of(JsonNode? node) => node switch
    {
        null => Missing,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => JsonText.Compact(node),
    };

    /// <summary>One row per field of an info object; path arrays (<c>name</c>, <c>category</c>) joined with '/'.</summary>
    public static Table KeyValues(JsonObject info)
    {
        var table = new Table();
        foreach (var (key, value) in info)
        {
            var isPath = key is "name" or "category" && value is JsonArray;
            table.Add(key, isPath ? PathOf(value) : Of(value));
        }

        return table;
    }
}
