namespace Rampart.Bastion.Osh;

/// <summary>
/// A refusal by the shell itself: <see cref="Code"/> is <c>KO_</c> + the upper-cased reason (<c>KO_NO_HOST</c>),
/// <see cref="ExitCode"/> the process status. <see cref="Mode"/> and <see cref="Quiet"/> are what the options asked
/// for, since every refusal after option parsing is still printed as an envelope in the requested JSON mode.
/// </summary>
public sealed record OshShellError(string Code, int ExitCode, string Message, OshOutputMode Mode, bool Quiet)
    : OshInvocationResult
{
    /// <summary>The envelope the reference prints for it: no command, no value.</summary>
    public OshEnvelope ToEnvelope() => OshEnvelope.Fail(null, Code, Message);

    /// <summary>Builds the code the way the reference does, from its lower-case reason (<c>"no_host"</c>).</summary>
    public static OshShellError FromReason(int exitCode, string reason, string message, OshOutputMode mode, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new OshShellError(exitCode == OshExitCode.Ok ? "OK" : "KO_" + reason.ToUpperInvariant(), exitCode,
            message, mode, quiet);
    }
}
