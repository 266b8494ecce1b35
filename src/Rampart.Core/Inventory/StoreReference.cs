using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory;

/// <summary>
/// A reference from one entry's store JSON to another entry. XPipe writes a bare uuid string today and
/// <c>{"storeId": uuid}</c> in older versions; both are accepted everywhere.
/// </summary>
public static class StoreReference
{
    /// <summary>Reads a reference, or null when the node is absent or JSON null.</summary>
    /// <exception cref="FormatException">The node is present but is not a reference.</exception>
    public static Guid? Read(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return ParseId(value.GetValue<string>());
            case JsonObject obj when obj.TryGetPropertyValue("storeId", out var inner) && inner is JsonValue innerValue
                                     && innerValue.GetValueKind() == JsonValueKind.String:
                return ParseId(innerValue.GetValue<string>());
            default:
                throw new FormatException("must be a connection id: a uuid string or {\"storeId\": uuid}");
        }
    }

    private static Guid ParseId(string text)
    {
        if (text.Length == 36 && Guid.TryParseExact(text, "D", out var id))
        {
            return id;
        }

        throw new FormatException($"must be a connection id, but \"{Truncate(text)}\" is not a uuid");
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
