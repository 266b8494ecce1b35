namespace Rampart.Contracts.Bastion;

/// <summary>
/// The wire between the bastion's entry program (an account's login shell) and the daemon, over the daemon's bastion
/// Unix socket. Each frame is a type byte, a 4-byte big-endian payload length, then the payload. The entry program
/// sends one <see cref="Hello"/> first; after that both sides stream. The daemon identifies the caller by the socket's
/// peer credentials, never by anything in these frames.
/// </summary>
public static class OshFrame
{
    /// <summary>Largest payload either side sends or accepts.</summary>
    public const int MaxPayload = 1 << 20;

    public const int HeaderSize = 5;

    // Entry program to daemon.

    /// <summary>UTF-8 JSON <see cref="OshHello"/>; always the first frame.</summary>
    public const byte Hello = (byte)'H';

    /// <summary>Bytes the client typed or piped (the entry program's stdin).</summary>
    public const byte Stdin = (byte)'I';

    /// <summary>The entry program's stdin reached end of file; empty payload.</summary>
    public const byte StdinClosed = (byte)'E';

    /// <summary>The client's terminal changed size: rows then columns, 2 bytes each, big-endian.</summary>
    public const byte WindowSize = (byte)'W';

    /// <summary>
    /// Instead of <see cref="Hello"/>: sshd's <c>AuthorizedKeysCommand</c> asks for the ingress keys of the account named
    /// in the UTF-8 payload; the daemon answers with authorized_keys lines on <see cref="Stdout"/> and an exit status.
    /// </summary>
    public const byte KeysRequest = (byte)'K';

    // Daemon to entry program.

    /// <summary>Bytes for the entry program's stdout.</summary>
    public const byte Stdout = (byte)'O';

    /// <summary>Bytes for the entry program's stderr.</summary>
    public const byte Stderr = (byte)'R';

    /// <summary>An interactive session begins: put the terminal in raw mode (restored at exit); empty payload.</summary>
    public const byte RawTerminal = (byte)'T';

    /// <summary>
    /// An interactive session run from the interactive mode ended: put the terminal back as it was before
    /// <see cref="RawTerminal"/>, for the next prompt; empty payload. Older entry programs ignore it.
    /// </summary>
    public const byte CookedTerminal = (byte)'C';

    /// <summary>The session is over: a 4-byte big-endian exit status follows; the daemon then closes the socket.</summary>
    public const byte Exit = (byte)'X';

    public static void WriteHeader(Span<byte> header, byte type, int length)
    {
        header[0] = type;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header[1..], length);
    }
}
