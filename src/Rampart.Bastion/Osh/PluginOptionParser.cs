namespace Rampart.Bastion.Osh;

/// <summary>
/// A plugin's own options, parsed as the reference's plugins parse them: Perl Getopt::Long with its default
/// configuration. That means: <c>--opt value</c>, <c>--opt=value</c>, and the same with a single <c>-</c> or a
/// <c>+</c>; names match in any case; any unambiguous prefix of a name is accepted (an exact name wins over longer
/// ones: <c>--user</c> is not ambiguous with <c>--user-any</c>), an ambiguous one is an error; a string option takes
/// the next word whatever it is (<c>--comment --x</c> sets the comment to <c>--x</c>); <c>--opt=</c> is "requires
/// an argument"; integers accept <c>[-+]?</c> digits with <c>_</c> separators; a flag given <c>=value</c> is an
/// error; non-option words stay as positionals, options may come after them; <c>--</c> ends the options and what
/// follows is positional. All problems are reported together, in order. With no declared option at all, nothing is
/// parsed and every word is positional, as in the reference.
/// </summary>
public static class PluginOptionParser
{
    /// <param name="allowUnknownOptions">
    /// The reference's <c>allowUnknownOptions</c> (Getopt::Long <c>pass_through</c>): unknown or unusable options
    /// are left among the positionals, including a <c>--</c>, and parsing never fails.
    /// </param>
    public static PluginOptionResult Parse(IReadOnlyList<PluginOption> options, IReadOnlyList<string> args,
        bool allowUnknownOptions = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(args);
        var specs = options.Select(o => o.ToSpec()).ToList();
        var outcome = new GetoptOutcome();
        if (specs.Count == 0)
        {
            outcome.Remaining.AddRange(args);
            return new ParsedOptions(options, outcome);
        }

        var config = allowUnknownOptions ? GetoptConfig.Defaults with { PassThrough = true } : GetoptConfig.Defaults;
        outcome = Getopt.Run(specs, args, config);
        if (!outcome.Ok)
        {
            return new PluginOptionError(PluginOptionError.BadOptions,
                "Error parsing options: " + string.Join(", ", outcome.Warnings));
        }

        return new ParsedOptions(options, outcome);
    }
}
