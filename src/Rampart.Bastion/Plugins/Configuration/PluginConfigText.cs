using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rampart.Bastion.Plugins.Configuration;

/// <summary>
/// Reads a plugin configuration file as The Bastion's <c>json_load</c> does: JSON with <c>#</c> comment lines,
/// <c>//</c> comments outside strings, <c>/** … */</c> blocks, and the outer braces optional.
/// </summary>
public static partial class PluginConfigText
{
    public static PluginConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = Clean(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new PluginConfigException("not valid JSON", e);
        }

        if (root is not JsonObject values)
        {
            throw new PluginConfigException("not a JSON object");
        }

        return new PluginConfig(
            Disabled(values["disabled"]),
            MfaRequired(values["mfa_required"]),
            WidestV4Prefix(values["widest_v4_prefix"]),
            Truthy(values["self_remote_user_only"]));
    }

    /// <summary>
    /// <c>disabled</c> was once written <c>"yes"</c>: any true value counts, but a string saying no or false is false,
    /// as The Bastion reads it.
    /// </summary>
    private static bool Disabled(JsonNode? node) =>
        !(node is JsonValue value && value.TryGetValue<string>(out var text) && NoOrFalse().IsMatch(text)) && Truthy(node);

    private static string? MfaRequired(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new PluginConfigException("mfa_required must be one of password, totp, any, none, any-if-configured"),
    };

    private static int? WidestV4Prefix(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix is >= 0 and <= 32
            ? prefix
            : throw new PluginConfigException("widest_v4_prefix must be an integer between 0 and 32");
    }

    /// <summary>Perl's truth, which The Bastion's checks use: false, null, 0, "" and "0" are false.</summary>
    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) => text is not ("" or "0"),
        JsonValue value when value.TryGetValue<double>(out var number) => number != 0,
        _ => true,
    };

    private static string Clean(string text)
    {
        var kept = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (HashComment().IsMatch(line))
            {
                continue;
            }

            kept.Append(WithoutSlashComment(line)).Append('\n');
        }

        var json = BlockComment().Replace(kept.ToString(), "").Trim();
        return json.StartsWith('{') && json.EndsWith('}') ? json : "{\n" + json + "\n}";
    }

    /// <summary>A line up to a <c>//</c> that is not inside a string.</summary>
    private static string WithoutSlashComment(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '\\' when inString:
                    i++;
                    break;
                case '"':
                    inString = !inString;
                    break;
                case '/' when !inString && i + 1 < line.Length && line[i + 1] == '/':
                    return line[..i];
            }
        }

        return line;
    }

    [GeneratedRegex(@"^\s*#")]
    private static partial Regex HashComment();

    [GeneratedRegex(@"/\*\*.+?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex("no|false")]
    private static partial Regex NoOrFalse();
}
