using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rampart.Shell.Unix;

/// <summary>
/// Who is on the other end of a Unix socket, as the kernel saw it at connect time (SO_PEERCRED): never a claim the
/// peer makes about itself.
/// </summary>
public static partial class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The peer's pid, uid and gid.</summary>
    public static (int Pid, uint Uid, uint Gid) Of(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < 12)
        {
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        }

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } in the machine's own byte order.
        return (MemoryMarshal.Read<int>(ucred), MemoryMarshal.Read<uint>(ucred[4..]), MemoryMarshal.Read<uint>(ucred[8..]));
    }

    /// <summary>This process's effective uid.</summary>
    public static uint EffectiveUserId() => GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
