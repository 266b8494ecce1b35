namespace Rampart.Bastion.Osh;

/// <summary>Either <see cref="ParsedOptions"/> or a <see cref="PluginOptionError"/>.</summary>
public abstract record PluginOptionResult;

/// <summary>
/// The options could not be parsed: <c>ERR_BAD_OPTIONS</c> with the reference's message,
/// <c>"Error parsing options: "</c> followed by Getopt::Long's warnings joined with <c>", "</c>, each warning ending
/// with a newline (e.g. <c>"Error parsing options: Unknown option: foo\n"</c>).
/// </summary>
public sealed record PluginOptionError(string Code, string Message) : PluginOptionResult
{
    public const string BadOptions = "ERR_BAD_OPTIONS";
}
