using System.Diagnostics.CodeAnalysis;

namespace Rampart.Bastion.Osh;

/// <summary>
/// The values of a successful plugin option parse, looked up by <see cref="PluginOption.Name"/>. Asking for a name
/// that is not in the option list, or with the wrong kind, throws: that is a bug in the plugin, not user input.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The names mirror the reference's option kinds (Getopt::Long =s, =i) and are the agreed API.")]
public sealed record ParsedOptions : PluginOptionResult
{
    private readonly Dictionary<string, PluginOption> _options;
    private readonly GetoptOutcome _outcome;

    internal ParsedOptions(IReadOnlyList<PluginOption> options, GetoptOutcome outcome)
    {
        _options = options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        _outcome = outcome;
        Positionals = outcome.Remaining.AsReadOnly();
    }

    /// <summary>The words that are not options, in order, followed by everything after <c>--</c>.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Whether the plugin declared an option of that name (for code shared by plugins with different options).</summary>
    public bool Declares(string name) => _options.ContainsKey(name);

    /// <summary>True when the flag was given (and, for a negatable flag, not negated afterwards).</summary>
    public bool Flag(string name) => NegatableFlag(name) ?? false;

    /// <summary>Null when absent, true for <c>--name</c>, false for <c>--no-name</c>/<c>--noname</c>; the last wins.</summary>
    public bool? NegatableFlag(string name)
    {
        Expect(name, OptionKind.Flag);
        return _outcome.Flags.TryGetValue(name, out var value) ? value : null;
    }

    public string? String(string name)
    {
        Expect(name, OptionKind.String);
        return _outcome.Strings.GetValueOrDefault(name);
    }

    /// <summary>
    /// The integer given. Perl accepts any size; values beyond an int are clamped to int's range here, which keeps
    /// them out of any sane bound a plugin then checks.
    /// </summary>
    public int? Integer(string name)
    {
        Expect(name, OptionKind.Integer);
        return _outcome.Numbers.TryGetValue(name, out var value) ? PerlText.Saturate(value) : null;
    }

    /// <summary>Every value of a repeatable option, in order; empty when never given.</summary>
    public IReadOnlyList<string> List(string name)
    {
        Expect(name, OptionKind.StringList);
        return _outcome.Lists.TryGetValue(name, out var values) ? values.AsReadOnly() : [];
    }

    /// <summary>The integer as Perl would print it (exact, or like <c>1e+20</c> when huge), for messages.</summary>
    public string? IntegerText(string name)
    {
        Expect(name, OptionKind.Integer);
        return _outcome.Numbers.TryGetValue(name, out var value) ? PerlText.NumberText(value) : null;
    }

    private void Expect(string name, OptionKind kind)
    {
        if (!_options.TryGetValue(name, out var option))
        {
            throw new ArgumentException($"No option named '{name}' was declared.", nameof(name));
        }

        if (option.Kind != kind)
        {
            throw new ArgumentException($"Option '{name}' is a {option.Kind}, not a {kind}.", nameof(name));
        }
    }
}
