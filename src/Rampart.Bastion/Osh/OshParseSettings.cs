namespace Rampart.Bastion.Osh;

/// <summary>The little configuration the reference consults while it parses the command string.</summary>
/// <param name="RemoteCommandEscapeByDefault">
/// <c>remoteCommandEscapeByDefault</c>: turn <c>'</c> into <c>\'</c> in the text after <c> -- </c> unless
/// <c>--never-escape</c> is among the options (<c>--always-escape</c> forces it whatever this says).
/// </param>
/// <param name="InInteractiveSession">
/// True when the string comes from a line typed in the interactive mode: <c>-i</c> is then ignored.
/// </param>
public sealed record OshParseSettings(bool RemoteCommandEscapeByDefault = false, bool InInteractiveSession = false)
{
    public static OshParseSettings Default { get; } = new();
}
