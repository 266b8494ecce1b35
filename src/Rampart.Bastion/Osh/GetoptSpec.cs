namespace Rampart.Bastion.Osh;

/// <summary>What an option takes, in Getopt::Long's terms.</summary>
internal enum GetoptType
{
    /// <summary>No value (<c>"name"</c>, or <c>"name!"</c> when negatable).</summary>
    Flag,

    /// <summary>No value, counted (<c>"name+"</c>).</summary>
    Counter,

    /// <summary>A mandatory string (<c>"name=s"</c>).</summary>
    String,

    /// <summary>A mandatory integer (<c>"name=i"</c>).</summary>
    Integer,
}

/// <summary>One option of a Getopt::Long option list: canonical name first, aliases after.</summary>
internal sealed record GetoptSpec(string Name, IReadOnlyList<string> Aliases, GetoptType Type, bool Negatable = false,
    bool List = false)
{
    public IEnumerable<string> Names => Aliases.Prepend(Name);
}

/// <summary>The Getopt::Long settings that differ between the shell and the plugins.</summary>
internal sealed record GetoptConfig(bool IgnoreCase, bool AutoAbbreviate, bool PassThrough)
{
    /// <summary>The plugins: Getopt::Long's defaults.</summary>
    public static GetoptConfig Defaults { get; } = new(IgnoreCase: true, AutoAbbreviate: true, PassThrough: false);

    /// <summary>The shell: <c>pass_through no_ignore_case no_auto_abbrev</c>.</summary>
    public static GetoptConfig Shell { get; } = new(IgnoreCase: false, AutoAbbreviate: false, PassThrough: true);
}
