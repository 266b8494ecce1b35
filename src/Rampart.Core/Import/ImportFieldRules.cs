using System.Globalization;

namespace Rampart.Core.Import;

/// <summary>The checks every format applies to the fields of a host, with messages naming the field.</summary>
internal static class ImportFieldRules
{
    public static int? Port(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"port \"{text}\" is not a number from 1 to 65535");
    }

    /// <summary>Host names and users become words of an ssh command line: no spaces, no leading dash.</summary>
    public static string? Word(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.StartsWith('-') || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? throw new FormatException($"{field} \"{text}\" must be one word not starting with '-'")
            : trimmed;
    }

    public static string Required(string? text, string field) =>
        Word(text, field) ?? throw new FormatException($"{field} is missing");

    /// <summary>"a/b/c" into its non-empty segments.</summary>
    public static IReadOnlyList<string> CategoryPath(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
