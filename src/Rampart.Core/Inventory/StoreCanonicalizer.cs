using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory;

/// <summary>
/// A canonical text of store JSON, used to recognise an "equal store" on <c>connection/add</c>:
/// keys sorted, nulls dropped (absent and null mean the same to a store), references and uuids normalised.
/// </summary>
public static class StoreCanonicalizer
{
    public static string Canonicalize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj when obj.Count == 1 && obj.TryGetPropertyValue("storeId", out var id) && TryGuid(id, out var guid):
                writer.WriteStringValue(guid.ToString("D"));
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when TryGuid(value, out var uuid):
                writer.WriteStringValue(uuid.ToString("D"));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static bool TryGuid(JsonNode? node, out Guid guid)
    {
        guid = Guid.Empty;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
               && value.GetValue<string>() is { Length: 36 } text && Guid.TryParseExact(text, "D", out guid);
    }
}
