using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Rampart.Bastion.Osh;

/// <summary>What a Getopt::Long run produced: values by canonical name, the words left over, the warnings.</summary>
internal sealed class GetoptOutcome
{
    public Dictionary<string, bool> Flags { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, BigInteger> Numbers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Strings { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> Lists { get; } = new(StringComparer.Ordinal);

    /// <summary>Non-option words in order, then everything after <c>--</c> (kept itself in pass-through mode).</summary>
    public List<string> Remaining { get; } = [];

    /// <summary>Getopt::Long's warnings, each ending with a newline, as the reference collects them.</summary>
    public List<string> Warnings { get; } = [];

    public bool Ok => Warnings.Count == 0;
}

/// <summary>
/// Perl's Getopt::Long (2.5x, no bundling, permute order) as far as the reference uses it: options start with
/// <c>--</c>, <c>-</c> or <c>+</c>; <c>name=value</c> works with any starter; a value-taking option otherwise takes
/// the next word whatever it looks like; integers are <c>[-+]?_*[0-9][0-9_]*</c>; <c>--</c> ends the options;
/// words that are not options are kept, in order, and options may follow them. With ignore-case, names match in any
/// case; with auto-abbreviation, a unique prefix (or an exact name) selects an option. In pass-through mode
/// anything unusable (unknown, ambiguous, missing or bad value) is left in the remaining words, untouched, instead
/// of being an error.
/// </summary>
internal static partial class Getopt
{
    private sealed record Entry(GetoptSpec Spec, bool IsNegation);

    private enum Found
    {
        NotAnOption,
        Error,
        Option,
    }

    public static GetoptOutcome Run(IReadOnlyList<GetoptSpec> specs, IReadOnlyList<string> args, GetoptConfig config)
    {
        var table = Table(specs, config);
        var names = table.Keys.Order(StringComparer.Ordinal).ToList();
        var outcome = new GetoptOutcome();
        var next = 0;
        var pending = new List<string>();
        while (next < args.Count)
        {
            var word = args[next++];
            if (word == "--")
            {
                if (config.PassThrough)
                {
                    pending.Add(word);
                }

                break;
            }

            if (Find(word, args, ref next, table, names, config, outcome, out var entry, out var value) == Found.NotAnOption)
            {
                pending.Add(word);
            }
            else if (entry is not null)
            {
                Store(outcome, entry, value);
            }
        }

        outcome.Remaining.AddRange(pending);
        outcome.Remaining.AddRange(args.Skip(next));
        return outcome;
    }

    private static Dictionary<string, Entry> Table(IReadOnlyList<GetoptSpec> specs, GetoptConfig config)
    {
        var table = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            foreach (var name in spec.Names)
            {
                var key = config.IgnoreCase ? name.ToLowerInvariant() : name;
                Add(table, key, new Entry(spec, IsNegation: false));
                if (spec.Negatable)
                {
                    Add(table, "no" + key, new Entry(spec, IsNegation: true));
                    Add(table, "no-" + key, new Entry(spec, IsNegation: true));
                }
            }
        }

        return table;

        static void Add(Dictionary<string, Entry> table, string key, Entry entry)
        {
            if (!table.TryAdd(key, entry))
            {
                throw new ArgumentException($"Option name '{key}' is defined twice.", nameof(specs));
            }
        }
    }

    private static Found Find(string word, IReadOnlyList<string> args, ref int next, Dictionary<string, Entry> table,
        List<string> names, GetoptConfig config, GetoptOutcome outcome, out Entry? entry, out object? value)
    {
        entry = null;
        value = null;
        var starter = word.StartsWith("--", StringComparison.Ordinal) ? "--"
            : word.StartsWith('-') || word.StartsWith('+') ? word[..1]
            : null;
        if (starter is null || word == "-")
        {
            return Found.NotAnOption;
        }

        var opt = word[starter.Length..];
        string? optarg = null;
        var equals = opt.Length > 1 ? opt.IndexOf('=', 1) : -1;
        if (equals > 0)
        {
            optarg = opt[(equals + 1)..];
            opt = opt[..equals];
        }

        var tryopt = opt;
        if (config.AutoAbbreviate && opt.Length > 0)
        {
            if (config.IgnoreCase)
            {
                opt = opt.ToLowerInvariant();
            }

            tryopt = opt;
            var prefix = opt;
            var hits = names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (hits.Count > 1 && hits.Count(h => h == prefix) != 1)
            {
                // Several names: still fine when they all mean the same option (aliases, or "no"/"no-" forms).
                var meanings = hits.Select(h => table[h].IsNegation ? "no" + table[h].Spec.Name : table[h].Spec.Name)
                    .Distinct(StringComparer.Ordinal).ToList();
                if (meanings.Count != 1)
                {
                    return Fail(config, outcome, $"Option {opt} is ambiguous ({string.Join(", ", hits)})\n");
                }

                hits = meanings;
            }

            if (hits.Count == 1 && hits[0] != opt)
            {
                tryopt = config.IgnoreCase ? hits[0].ToLowerInvariant() : hits[0];
            }
        }
        else if (config.IgnoreCase)
        {
            tryopt = opt.ToLowerInvariant();
        }

        if (!table.TryGetValue(tryopt, out var found))
        {
            return Fail(config, outcome, opt.Length == 0 ? $"Missing option after {starter}\n" : $"Unknown option: {opt}\n");
        }

        opt = tryopt;
        switch (found.Spec.Type)
        {
            case GetoptType.Flag or GetoptType.Counter:
                if (optarg is not null)
                {
                    return Fail(config, outcome, $"Option {opt} does not take an argument\n");
                }

                entry = found;
                value = !found.IsNegation;
                return Found.Option;

            case GetoptType.String or GetoptType.Integer:
                if (optarg is not null ? optarg.Length == 0 : next >= args.Count)
                {
                    return Fail(config, outcome, $"Option {opt} requires an argument\n");
                }

                var arg = optarg ?? args[next++];
                if (found.Spec.Type == GetoptType.String)
                {
                    entry = found;
                    value = arg;
                    return Found.Option;
                }

                var number = IntegerValue().Match(arg);
                if (!number.Success)
                {
                    if (config.PassThrough)
                    {
                        // The value goes back to be seen again as a word of its own.
                        if (optarg is null)
                        {
                            next--;
                        }

                        return Found.NotAnOption;
                    }

                    return Fail(config, outcome, $"Value \"{arg}\" invalid for option {opt} (number expected)\n");
                }

                entry = found;
                value = BigInteger.Parse(number.Groups[1].Value.Replace("_", "", StringComparison.Ordinal),
                    NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return Found.Option;

            default:
                throw new InvalidOperationException($"Unknown option type {found.Spec.Type}.");
        }
    }

    private static Found Fail(GetoptConfig config, GetoptOutcome outcome, string warning)
    {
        if (config.PassThrough)
        {
            return Found.NotAnOption;
        }

        outcome.Warnings.Add(warning);
        return Found.Error;
    }

    private static void Store(GetoptOutcome outcome, Entry entry, object? value)
    {
        var name = entry.Spec.Name;
        switch (entry.Spec.Type)
        {
            case GetoptType.Flag:
                outcome.Flags[name] = (bool)value!;
                break;
            case GetoptType.Counter:
                outcome.Numbers[name] = outcome.Numbers.GetValueOrDefault(name) + 1;
                break;
            case GetoptType.String when entry.Spec.List:
                if (!outcome.Lists.TryGetValue(name, out var list))
                {
                    outcome.Lists[name] = list = [];
                }

                list.Add((string)value!);
                break;
            case GetoptType.String:
                outcome.Strings[name] = (string)value!;
                break;
            case GetoptType.Integer:
                outcome.Numbers[name] = (BigInteger)value!;
                break;
            default:
                throw new InvalidOperationException($"Unknown option type {entry.Spec.Type}.");
        }
    }

    // Perl's "$" also matches before a final newline, which the number then ignores.
    [GeneratedRegex(@"^([-+]?_*[0-9][0-9_]*)\n?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerValue();
}
