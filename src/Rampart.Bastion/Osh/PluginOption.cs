using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Rampart.Bastion.Osh;

/// <summary>
/// One option a plugin accepts. <see cref="Name"/> is how values are looked up afterwards; <see cref="Aliases"/>
/// are other spellings (<c>"group|g=s"</c>); <see cref="Negatable"/> (flags only) also accepts <c>--no-name</c> and
/// <c>--noname</c>.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The names mirror the reference's option kinds (Getopt::Long =s, =i) and are the agreed API.")]
public sealed partial record PluginOption(string Name, OptionKind Kind, IReadOnlyList<string> Aliases, bool Negatable)
{
    public static PluginOption Flag(string name, params string[] aliases) => new(name, OptionKind.Flag, aliases, false);

    public static PluginOption NegatableFlag(string name, params string[] aliases) =>
        new(name, OptionKind.Flag, aliases, true);

    public static PluginOption String(string name, params string[] aliases) => new(name, OptionKind.String, aliases, false);

    public static PluginOption Integer(string name, params string[] aliases) =>
        new(name, OptionKind.Integer, aliases, false);

    public static PluginOption StringList(string name, params string[] aliases) =>
        new(name, OptionKind.StringList, aliases, false);

    internal GetoptSpec ToSpec()
    {
        foreach (var name in Aliases.Prepend(Name))
        {
            if (!ValidName().IsMatch(name))
            {
                throw new ArgumentException($"Invalid option name '{name}'.", nameof(Name));
            }
        }

        if (Negatable && Kind != OptionKind.Flag)
        {
            throw new ArgumentException($"Option '{Name}': only a flag can be negatable.", nameof(Negatable));
        }

        var type = Kind switch
        {
            OptionKind.Flag => GetoptType.Flag,
            OptionKind.String or OptionKind.StringList => GetoptType.String,
            OptionKind.Integer => GetoptType.Integer,
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown option kind."),
        };
        return new GetoptSpec(Name, Aliases, type, Negatable, List: Kind == OptionKind.StringList);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
