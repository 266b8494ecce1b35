using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory;

/// <summary>Lenient reads of store JSON, for code that has already validated it and only needs the values.</summary>
public static class StoreJson
{
    /// <summary>The node's string value, or null when it is absent or not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
