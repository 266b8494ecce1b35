using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Core.Inventory.Globs;

/// <summary>
/// XPipe's glob filters (current rules): case-insensitive and anchored; <c>**</c> any text, <c>*</c> any text within
/// one level (no '/'), <c>?</c> one character, <c>[abc]</c>/<c>[a-z]</c>/<c>[!abc]</c> classes, <c>{a,b}</c> alternatives
/// that may hold globs, <c>\x</c> a literal x. One friendly rule on top: <c>x/**</c> also matches <c>x</c> itself.
/// </summary>
public sealed class Glob
{
    private readonly Regex? _regex;
    private readonly string _literalPrefix;
    private readonly bool _singleLevel;

    private Glob(string pattern, Regex? regex, string? literal, string literalPrefix, bool everything, bool singleLevel)
    {
        Pattern = pattern;
        _regex = regex;
        Literal = literal;
        _literalPrefix = literalPrefix;
        MatchesEverything = everything;
        _singleLevel = singleLevel;
    }

    public string Pattern { get; }

    /// <summary>True for <c>**</c>: callers can skip matching.</summary>
    public bool MatchesEverything { get; }

    /// <summary>The lower-cased text of a pattern without wildcards, or null.</summary>
    public string? Literal { get; }

    public static Glob Parse(string pattern)
    {
        var lower = pattern.ToLowerInvariant();
        if (lower == "**")
        {
            return new Glob(pattern, null, null, "", everything: true, singleLevel: false);
        }

        if (lower == "*")
        {
            return new Glob(pattern, null, null, "", everything: false, singleLevel: true);
        }

        var (regex, literal, prefix) = Translate(pattern, lower);
        if (literal is not null)
        {
            return new Glob(pattern, null, literal, literal, everything: false, singleLevel: false);
        }

        // NonBacktracking keeps matching linear in the path length whatever the pattern, so no filter can stall a query.
        var compiled = new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
        return new Glob(pattern, compiled, null, prefix, everything: false, singleLevel: false);
    }

    public bool IsMatch(string path) => IsMatchLowerCase(HasUpper(path) ? path.ToLowerInvariant() : path);

    /// <summary>For callers whose paths are already lower-case (store paths are): skips a pass over the text.</summary>
    public bool IsMatchLowerCase(string path)
    {
        if (MatchesEverything)
        {
            return true;
        }

        if (_singleLevel)
        {
            return !path.Contains('/', StringComparison.Ordinal);
        }

        if (Literal is not null)
        {
            return string.Equals(path, Literal, StringComparison.Ordinal);
        }

        // Most filters start with literal text ("local machine/…"): a cheap test rejects most paths before the regex.
        return path.StartsWith(_literalPrefix, StringComparison.Ordinal) && _regex!.IsMatch(path);
    }

    public override string ToString() => Pattern;

    private static bool HasUpper(string text)
    {
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The anchored regex, the literal text when there is no wildcard at all, and the literal prefix.</summary>
    private static (string Regex, string? Literal, string Prefix) Translate(string original, string pattern)
    {
        var regex = new StringBuilder("^(?:");
        var literal = new StringBuilder();
        var prefix = new StringBuilder();
        var prefixOpen = true;
        var wildcard = false;
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '/' when braces == 0 && i == pattern.Length - 3 && pattern.EndsWith("/**", StringComparison.Ordinal):
                    // Friendly rule: "x/**" is x and everything below it.
                    regex.Append("(?:/.*)?");
                    wildcard = true;
                    i = pattern.Length;
                    break;
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    wildcard = true;
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    wildcard = true;
                    break;
                case '?':
                    regex.Append('.');
                    wildcard = true;
                    break;
                case '[':
                    i = AppendClass(original, pattern, i, regex);
                    wildcard = true;
                    break;
                case '{':
                    regex.Append("(?:");
                    braces++;
                    wildcard = true;
                    break;
                case '}' when braces > 0:
                    regex.Append(')');
                    braces--;
                    break;
                case ',' when braces > 0:
                    regex.Append('|');
                    break;
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        throw new GlobSyntaxException(original, "it ends with a lone '\\'");
                    }

                    i++;
                    AppendLiteral(pattern[i], regex, literal, prefix, prefixOpen && !wildcard);
                    continue;
                default:
                    AppendLiteral(c, regex, literal, prefix, prefixOpen && !wildcard);
                    continue;
            }

            prefixOpen = false;
        }

        if (braces > 0)
        {
            throw new GlobSyntaxException(original, "'{' is never closed");
        }

        return (regex.Append(")$").ToString(), wildcard ? null : literal.ToString(), prefix.ToString());
    }

    private static void AppendLiteral(char c, StringBuilder regex, StringBuilder literal, StringBuilder prefix, bool inPrefix)
    {
        regex.Append(Regex.Escape(c.ToString()));
        literal.Append(c);
        if (inPrefix)
        {
            prefix.Append(c);
        }
    }

    /// <summary>Translates <c>[...]</c> starting at <paramref name="start"/>; returns the index of its closing ']'.</summary>
    private static int AppendClass(string original, string pattern, int start, StringBuilder regex)
    {
        var i = start + 1;
        regex.Append('[');
        if (i < pattern.Length && pattern[i] == '!')
        {
            regex.Append('^');
            i++;
        }

        var first = true;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == ']' && !first)
            {
                regex.Append(']');
                return i;
            }

            if (c == '\\' && i + 1 < pattern.Length)
            {
                c = pattern[++i];
            }

            // Inside a class only these have a meaning to the regex engine; '-' keeps its range meaning.
            if (c is '\\' or '[' or ']' or '^')
            {
                regex.Append('\\');
            }

            regex.Append(c);
            first = false;
        }

        throw new GlobSyntaxException(original, "'[' is never closed");
    }
}
