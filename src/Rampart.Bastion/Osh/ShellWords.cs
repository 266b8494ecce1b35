using System.Text.RegularExpressions;

namespace Rampart.Bastion.Osh;

/// <summary>
/// Word splitting as the reference applies it to the options part of the command string (Perl's
/// <c>Text::ParseWords::shellwords</c>, which is not a POSIX shell): words are separated by ASCII whitespace;
/// <c>"…"</c> and <c>'…'</c> quote, and adjacent pieces join into one word; a backslash escapes the next character
/// outside quotes and inside double quotes; inside single quotes <c>\'</c> does not end the quote and the backslash
/// is kept. A string that cannot be split (an unclosed quote, a trailing lone backslash) yields no words at all.
/// </summary>
internal static partial class ShellWords
{
    /// <summary>One word written so that <see cref="Split"/> gives it back: as it is when it is plain, else double-quoted.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && PlainWord().IsMatch(word)
            ? word
            : "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    public static IReadOnlyList<string> Split(string line)
    {
        var start = 0;
        while (start < line.Length && PerlText.IsSpace(line[start]))
        {
            start++;
        }

        var rest = line[start..];
        var pieces = new List<string?>();
        string? word = null;
        while (rest.Length > 0)
        {
            var match = Piece().Match(rest);
            if (!match.Success)
            {
                return [];
            }

            rest = rest[match.Length..];
            string text;
            var delimited = false;
            if (match.Groups["dq"].Success)
            {
                text = Unescape(match.Groups["dq"].Value);
            }
            else if (match.Groups["sq"].Success)
            {
                text = match.Groups["sq"].Value;
            }
            else
            {
                text = Unescape(match.Groups["bare"].Value);
                delimited = match.Groups["delim"].Length > 0;
            }

            word = (word ?? "") + text;
            if (delimited)
            {
                pieces.Add(word);
                word = null;
            }

            if (rest.Length == 0)
            {
                pieces.Add(word);
            }
        }

        // Trailing whitespace leaves one undefined piece behind, which the reference drops.
        if (pieces.Count > 0 && pieces[^1] is null)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        return pieces.Select(p => p ?? "").ToList();
    }

    private static string Unescape(string text) => Escaped().Replace(text, "$1");

    // Same alternatives, in the same order, as the reference's tokenizer: a double-quoted piece, a single-quoted
    // piece, or bare text up to the end, a whitespace run, or (not at the start) a quote.
    [GeneratedRegex("""^(?:"(?<dq>(?>[^\\"]*(?:\\.[^\\"]*)*))"|'(?<sq>(?>[^\\']*(?:\\.[^\\']*)*))'|(?<bare>(?:\\.|[^\\"'])*?)(?<delim>\z|[ \t\n\r\f\v]+|(?!^)(?=["'])))""",
        RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Piece();

    [GeneratedRegex(@"\\(.)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Escaped();

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@,+%-]+$")]
    private static partial Regex PlainWord();
}
