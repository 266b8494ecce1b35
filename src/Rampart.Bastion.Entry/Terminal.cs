using System.Runtime.InteropServices;

namespace Rampart.Bastion.Entry;

/// <summary>
/// The client's terminal on stdin: raw mode while the daemon runs an interactive session, and always put back as it
/// was. <c>struct termios</c> is treated as an opaque buffer (60 bytes on Linux, larger elsewhere); only libc reads it.
/// </summary>
internal sealed partial class Terminal(int fd)
{
    private const int TermiosBufferSize = 256;
    private const int TcsaDrain = 1;
    private const nuint LinuxTiocgwinsz = 0x5413;

    private readonly Lock _gate = new();
    private byte[]? _saved;

    /// <summary>Whether <paramref name="fd"/> is a terminal.</summary>
    public static bool IsTerminal(int fd) => IsATty(fd) == 1;

    /// <summary>Rows and columns of the terminal on <paramref name="fd"/>; false when unknown.</summary>
    public static unsafe bool TryGetWindowSize(int fd, out int rows, out int columns)
    {
        rows = columns = 0;
        // TIOCGWINSZ's number is per platform and ioctl is variadic (unsafe to call this way on Apple arm64): the
        // bastion runs on Linux, elsewhere the size stays unknown.
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
        var size = stackalloc ushort[4];
        if (IoCtl(fd, LinuxTiocgwinsz, size) != 0)
        {
            return false;
        }

        rows = size[0];
        columns = size[1];
        return true;
    }

    /// <summary>Puts the terminal in raw mode, saving its settings first; false when it is not a terminal.</summary>
    public unsafe bool EnterRaw()
    {
        lock (_gate)
        {
            var saved = _saved ?? new byte[TermiosBufferSize];
            var raw = new byte[TermiosBufferSize];
            fixed (byte* savedPointer = saved)
            fixed (byte* rawPointer = raw)
            {
                if (_saved is null && TcGetAttr(fd, savedPointer) != 0)
                {
                    return false;
                }

                saved.CopyTo(raw, 0);
                CfMakeRaw(rawPointer);
                if (TcSetAttr(fd, TcsaDrain, rawPointer) != 0)
                {
                    return false;
                }
            }

            _saved = saved;
            return true;
        }
    }

    /// <summary>Puts back the settings saved by <see cref="EnterRaw"/>; safe to call any number of times, from any thread.</summary>
    public unsafe void Restore()
    {
        lock (_gate)
        {
            if (_saved is null)
            {
                return;
            }

            fixed (byte* savedPointer = _saved)
            {
                // A hung-up terminal refuses (EIO); there is nothing left to restore then.
                _ = TcSetAttr(fd, TcsaDrain, savedPointer);
            }

            _saved = null;
        }
    }

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static unsafe partial void CfMakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int IoCtl(int fd, nuint request, ushort* argument);
}
