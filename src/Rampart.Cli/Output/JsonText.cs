using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Cli.Output;

/// <summary>JSON for people and for jq: indented or on one line, with readable (unescaped) non-ASCII text.</summary>
internal static class JsonText
{
    // Output goes to a terminal or a pipe, never into HTML, so '+', '<' or 'é' need no \u escapes.
    private static readonly JsonWriterOptions s_indented = new()
    {
        Indented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Lenient input for what people type: comments and trailing commas are fine.</summary>
    private static readonly JsonDocumentOptions s_lenient = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static string Indented(JsonNode? node) => Write(node, s_indented);

    public static string Compact(JsonNode? node) => Write(node, s_compact);

    /// <summary>Parses JSON the user gave; <paramref name="what"/> names it in the error.</summary>
    public static JsonNode Parse(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: s_lenient)
                ?? throw CliException.Usage($"{what} is null, not a JSON value");
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"{what} is not valid JSON: {OneLine(e.Message)}");
        }
    }

    private static string Write(JsonNode? node, JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
