namespace Rampart.Contracts;

/// <summary>
/// How <c>rampart askpass</c> (run by ssh as <c>SSH_ASKPASS</c>) gets a password from the daemon: it connects to the
/// daemon's private Unix socket, sends a one-time token and the prompt ssh showed, and receives the password. The
/// password itself never touches argv, the environment or the disk.
/// </summary>
public static class AskpassProtocol
{
    /// <summary>Environment variable with the path of the daemon's askpass socket.</summary>
    public const string SocketVariable = "RAMPART_ASKPASS_SOCKET";

    /// <summary>Environment variable with the one-time token of one shell launch.</summary>
    public const string TokenVariable = "RAMPART_ASKPASS_TOKEN";

    /// <summary>First byte of a reply that carries the password; anything else is followed by an error message.</summary>
    public const byte Granted = (byte)'+';

    public const byte Refused = (byte)'-';

    /// <summary>Longest request (token, newline, prompt) the daemon reads.</summary>
    public const int MaxRequestBytes = 4096;
}
