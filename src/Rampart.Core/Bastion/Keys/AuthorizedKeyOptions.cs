using System.Text;

namespace Rampart.Core.Bastion.Keys;

/// <summary>
/// The options that may precede a key in an authorized_keys line, as sshd reads them (sshd(8) "AUTHORIZED_KEYS FILE
/// FORMAT"): comma-separated <c>name</c> or <c>name="value"</c>, where a value may hold spaces and <c>\"</c>.
/// </summary>
internal static class AuthorizedKeyOptions
{
    /// <summary>
    /// The length of the options at the start of <paramref name="text"/>: up to the first whitespace outside quotes.
    /// -1 when a quote is left open.
    /// </summary>
    public static int MeasurePrefix(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\' && i + 1 < text.Length && text[i + 1] == '"')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && char.IsWhiteSpace(c))
            {
                return i;
            }
        }

        return quoted ? -1 : text.Length;
    }

    /// <summary>Splits the options into (name, value) pairs; value is null for a flag such as <c>no-pty</c>.</summary>
    public static bool TryParse(string prefix, out List<(string Name, string? Value)> options)
    {
        options = [];
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < prefix.Length && (char.IsAsciiLetterOrDigit(prefix[i]) || prefix[i] is '-' or '_'))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            var name = prefix[start..i];
            string? value = null;
            if (i < prefix.Length && prefix[i] == '=')
            {
                if (++i >= prefix.Length || prefix[i] != '"')
                {
                    return false;
                }

                var text = new StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= prefix.Length)
                    {
                        return false;
                    }

                    if (prefix[i] == '\\' && i + 1 < prefix.Length && prefix[i + 1] == '"')
                    {
                        text.Append('"');
                        i++;
                    }
                    else if (prefix[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(prefix[i]);
                    }
                }

                value = text.ToString();
            }

            options.Add((name, value));
            if (i == prefix.Length)
            {
                return true;
            }

            if (prefix[i] != ',')
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>The entries of the <c>from="…"</c> option (empty when there is none or the options don't parse).</summary>
    public static IReadOnlyList<string> FromList(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !TryParse(prefix, out var options))
        {
            return [];
        }

        foreach (var (name, value) in options)
        {
            if (string.Equals(name, "from", StringComparison.OrdinalIgnoreCase) && value is not null)
            {
                return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        return [];
    }
}
