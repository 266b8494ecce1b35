using System.Globalization;
using System.Text;

namespace Rampart.Core.Import;

/// <summary>
/// Hosts from an OpenSSH client config. Every concrete name on a <c>Host</c> line is a host; its options are found as
/// ssh finds them, first value wins over every matching <c>Host</c> block in order, so <c>Host *</c> defaults apply.
/// Read: HostName (with %h), Port, User, IdentityFile, ProxyJump (one hop). <c>Include</c> reads the files the
/// caller supplies; <c>Match</c> blocks and wildcard-only blocks are not hosts and are reported as notices.
/// </summary>
public static class SshConfigImport
{
    private static readonly string[] s_read = ["hostname", "port", "user", "identityfile", "proxyjump"];

    /// <param name="includes">
    /// The files each <c>Include</c> argument (as written) names, resolved and read by the caller (the CLI reads them
    /// from disk; the daemon never opens files on a client's behalf).
    /// </param>
    public static ParsedImport Parse(string text, string sourceName, IReadOnlyDictionary<string, IReadOnlyList<IncludedFile>> includes)
    {
        var blocks = new List<Block>();
        var notices = new List<string>();
        var problems = new List<ImportProblem>();
        var current = new Block([], null, "");
        blocks.Add(current);
        foreach (var line in Lines(text, sourceName, includes, notices, 0))
        {
            var (keyword, arguments) = line.Split();
            switch (keyword)
            {
                case "":
                    continue;
                case "host":
                    current = new Block([.. arguments], null, line.Where);
                    blocks.Add(current);
                    if (arguments.All(IsPattern))
                    {
                        notices.Add($"{line.Where}: Host {string.Join(' ', arguments)} has only patterns: used as defaults for the hosts it matches, not imported");
                    }

                    break;
                case "match":
                    current = new Block([], "match", line.Where);
                    blocks.Add(current);
                    notices.Add($"{line.Where}: Match blocks are skipped (their options are not applied)");
                    break;
                default:
                    if (current.Skip is null && s_read.Contains(keyword) && arguments.Count > 0)
                    {
                        current.Options.TryAdd(keyword, (arguments[0], line.Where));
                    }

                    break;
            }
        }

        // Which blocks can apply to a name: those naming it literally, and those with patterns (few, checked per name).
        var literal = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var patterned = new List<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Skip is not null)
            {
                continue;
            }

            if (blocks[i].Patterns.Count == 0 || blocks[i].Patterns.Any(IsPattern))
            {
                patterned.Add(i);
            }
            else
            {
                foreach (var name in blocks[i].Patterns)
                {
                    (literal.TryGetValue(name, out var list) ? list : literal[name] = []).Add(i);
                }
            }
        }

        var hosts = new List<ImportedHost>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks.Where(b => b.Skip is null))
        {
            foreach (var alias in block.Patterns.Where(p => !IsPattern(p)))
            {
                if (!seen.Add(alias))
                {
                    continue;
                }

                try
                {
                    var applying = patterned.Concat(literal.GetValueOrDefault(alias) ?? []).Order().Select(i => blocks[i]);
                    hosts.Add(Resolve(alias, block.Where, applying));
                }
                catch (FormatException e)
                {
                    problems.Add(new ImportProblem(block.Where, $"host {alias}: {e.Message}"));
                }
            }
        }

        return new ParsedImport(hosts, problems, notices);
    }

    private static ImportedHost Resolve(string alias, string where, IEnumerable<Block> blocks)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in blocks.Where(b => b.Matches(alias)))
        {
            foreach (var (keyword, (value, _)) in block.Options)
            {
                options.TryAdd(keyword, value);
            }
        }

        var hostName = options.GetValueOrDefault("hostname")?.Replace("%h", alias, StringComparison.Ordinal).Replace("%%", "%", StringComparison.Ordinal) ?? alias;
        var jump = options.GetValueOrDefault("proxyjump");
        if (jump is not null && jump.Contains(',', StringComparison.Ordinal))
        {
            throw new FormatException($"ProxyJump {jump} has several hops; Rampart follows one gateway per connection (give each hop its own Host with its ProxyJump)");
        }

        return new ImportedHost(
            alias,
            ImportFieldRules.Required(hostName, "HostName"),
            ImportFieldRules.Port(options.GetValueOrDefault("port")),
            ImportFieldRules.Word(options.GetValueOrDefault("user"), "User"),
            [],
            options.GetValueOrDefault("identityfile"),
            null,
            jump is null or "none" ? null : jump,
            where);
    }

    /// <summary>ssh's own pattern rule: <c>*</c> any run, <c>?</c> one character, case-insensitive; greedy with one
    /// backtrack point, so linear in practice.</summary>
    internal static bool WildcardMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsPattern(string pattern) => pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal) || pattern.StartsWith('!');

    /// <summary>The lines in reading order, with included files spliced in where their Include stands.</summary>
    private static IEnumerable<ConfigLine> Lines(
        string text, string sourceName, IReadOnlyDictionary<string, IReadOnlyList<IncludedFile>> includes, List<string> notices, int depth)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = new ConfigLine(raw.TrimEnd('\r'), $"{sourceName}:{number.ToString(CultureInfo.InvariantCulture)}");
            var (keyword, arguments) = line.Split();
            if (keyword != "include")
            {
                yield return line;
                continue;
            }

            if (depth >= 16)
            {
                notices.Add($"{line.Where}: Include nested too deeply; skipped");
                continue;
            }

            foreach (var pattern in arguments)
            {
                if (!includes.TryGetValue(pattern, out var files) || files.Count == 0)
                {
                    notices.Add($"{line.Where}: Include {pattern} matched no file that was supplied");
                    continue;
                }

                foreach (var file in files)
                {
                    foreach (var included in Lines(file.Text, file.Path, includes, notices, depth + 1))
                    {
                        yield return included;
                    }
                }
            }
        }
    }

    /// <summary>One Host (or Match) block: its patterns and the options read inside it, first value kept.</summary>
    private sealed class Block(List<string> patterns, string? skip, string where)
    {

        public List<string> Patterns { get; } = patterns;

        public string? Skip { get; } = skip;

        public string Where { get; } = where;

        public Dictionary<string, (string Value, string Where)> Options { get; } = new(StringComparer.Ordinal);

        /// <summary>The options before the first Host line apply to every host; negated patterns exclude.</summary>
        public bool Matches(string alias)
        {
            if (Patterns.Count == 0)
            {
                return true;
            }

            var matched = false;
            foreach (var pattern in Patterns)
            {
                var negated = pattern.StartsWith('!');
                if (WildcardMatch(negated ? pattern.AsSpan(1) : pattern, alias))
                {
                    if (negated)
                    {
                        return false;
                    }

                    matched = true;
                }
            }

            return matched;
        }
    }

    private sealed record ConfigLine(string Text, string Where)
    {
        /// <summary>Keyword (lower case, "" for blank or comment lines) and arguments, quotes removed.</summary>
        public (string Keyword, List<string> Arguments) Split()
        {
            var text = Text.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                return ("", []);
            }

            var words = new List<string>();
            var word = new StringBuilder();
            var quoted = false;
            var keywordDone = false;
            foreach (var c in text)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && (char.IsWhiteSpace(c) || c == '=' && !keywordDone))
                {
                    if (word.Length > 0)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        keywordDone = true;
                    }
                }
                else
                {
                    word.Append(c);
                }
            }

            if (word.Length > 0)
            {
                words.Add(word.ToString());
            }

            return words.Count == 0 ? ("", []) : (words[0].ToLowerInvariant(), words[1..]);
        }
    }
}
