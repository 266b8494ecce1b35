using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Bastion.Osh;

/// <summary>
/// JSON text as the reference's encoder writes it (Perl JSON with <c>utf8</c>, <c>ascii</c>, and <c>pretty</c> for
/// <c>--json-pretty</c>), so that scripts that compare or grep the output see the same bytes: every non-ASCII
/// character as a lowercase <c>\uXXXX</c> escape (characters beyond the BMP as two surrogate escapes), control
/// characters as <c>\b \t \n \f \r</c> or <c>\u00XX</c>, and nothing else escaped (not <c>/</c>, <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, <c>'</c>, nor DEL). Object members keep the node's order. Numbers are written as
/// System.Text.Json writes them.
/// </summary>
public static class OshJson
{
    private const int PrettyIndent = 3;

    /// <summary>One line, no spaces: <c>{"a":1,"b":[true,null]}</c>.</summary>
    public static string Compact(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, pretty: false, level: 0);
        return text.ToString();
    }

    /// <summary>
    /// JSON::XS/JSON::PP <c>pretty</c>: 3-space indent, <c>"key" : value</c>, empty containers as <c>{}</c> and
    /// <c>[]</c>, and — like the Perl encoders — a newline after the top-level value.
    /// </summary>
    public static string Pretty(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, pretty: true, level: 0);
        return text.Append('\n').ToString();
    }

    /// <summary>
    /// The envelope with its keys in a fixed order (command, error_code, error_message, value); the reference's own
    /// order varies from run to run, so any fixed order is compatible. The value is written, not re-parented.
    /// </summary>
    internal static string Envelope(OshEnvelope envelope, bool pretty)
    {
        KeyValuePair<string, JsonNode?>[] members =
        [
            new("command", envelope.Command is null ? null : JsonValue.Create(envelope.Command)),
            new("error_code", JsonValue.Create(envelope.ErrorCode)),
            new("error_message", JsonValue.Create(envelope.ErrorMessage)),
            new("value", envelope.Value),
        ];
        var text = new StringBuilder();
        WriteObject(text, members, pretty, level: 0);
        return pretty ? text.Append('\n').ToString() : text.ToString();
    }

    /// <summary>A JSON string literal with the reference's escaping.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        AppendString(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, bool pretty, int level)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, pretty, level);
                break;
            case JsonArray array:
                WriteContainer(text, '[', ']', array, pretty, level, (item, depth) => Write(text, item, pretty, depth));
                break;
            case JsonValue value:
                WriteScalar(text, value);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON node {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteObject(StringBuilder text, IEnumerable<KeyValuePair<string, JsonNode?>> members,
        bool pretty, int level) =>
        WriteContainer(text, '{', '}', members, pretty, level, (member, depth) =>
        {
            AppendString(text, member.Key);
            text.Append(pretty ? " : " : ":");
            Write(text, member.Value, pretty, depth);
        });

    private static void WriteContainer<T>(StringBuilder text, char open, char close, IEnumerable<T> items, bool pretty,
        int level, Action<T, int> writeItem)
    {
        text.Append(open);
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(',');
            }

            if (pretty)
            {
                text.Append('\n').Append(' ', (level + 1) * PrettyIndent);
            }

            writeItem(item, level + 1);
            first = false;
        }

        // Both Perl encoders print an empty container on one line, without a newline inside.
        if (pretty && !first)
        {
            text.Append('\n').Append(' ', level * PrettyIndent);
        }

        text.Append(close);
    }

    private static void WriteScalar(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(text, value.TryGetValue<string>(out var s) ? s : StringOf(value));
                break;
            case JsonValueKind.Number:
                text.Append(value.ToJsonString());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.Undefined:
            case JsonValueKind.Object:
            case JsonValueKind.Array:
            default:
                throw new ArgumentException($"Unsupported JSON value kind {value.GetValueKind()}.", nameof(value));
        }
    }

    // A JsonValue over another CLR type (a Guid, a DateTimeOffset…): let System.Text.Json say which string it is.
    private static string StringOf(JsonValue value)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? "";
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case < ' ' or > '\u007f':
                    // UTF-16 code units are exactly what Perl's ascii mode prints, surrogate pairs included.
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
