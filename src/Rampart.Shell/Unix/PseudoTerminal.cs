using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rampart.Shell.Unix;

/// <summary>
/// A pseudo-terminal pair owned by the daemon, for a child that must believe it runs on a terminal (OpenSSH's client
/// only sends the window size, and forwards size changes, when its stdin is one). Both ends are opened close-on-exec,
/// so no other child of the daemon ever inherits them. The child opens <see cref="SlavePath"/> itself.
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int NoControllingTerminal = 0x100;
    private const int CloseOnExec = 0x80000;
    private const ulong SetWindowSize = 0x5414;

    private readonly SafeFileHandle _master;
    private SafeFileHandle? _slave;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
        Master = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The terminal device the child uses as its stdin, stdout and stderr, e.g. <c>/dev/pts/7</c>.</summary>
    public string SlavePath { get; }

    /// <summary>
    /// The daemon's end: what is written is the child's input, what is read is its output. Reads end with an
    /// <see cref="IOException"/> once <see cref="CloseSlave"/> was called and the child closed the terminal too.
    /// </summary>
    public Stream Master { get; }

    public static PseudoTerminal Open(int rows, int columns)
    {
        var master = OpenMaster(ReadWrite | NoControllingTerminal | CloseOnExec);
        if (master.IsInvalid)
        {
            throw new IOException($"posix_openpt failed (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (GrantAccess(master) != 0 || Unlock(master) != 0)
            {
                throw new IOException($"grantpt/unlockpt failed (errno {Marshal.GetLastPInvokeError()})");
            }

            var name = new byte[256];
            if (SlaveName(master, name, name.Length) != 0)
            {
                throw new IOException($"ptsname_r failed (errno {Marshal.GetLastPInvokeError()})");
            }

            var path = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            // Held open by the daemon until the child is done, so the master does not see a hang-up before the child
            // has opened its end.
            var slave = OpenFile(path, ReadWrite | NoControllingTerminal | CloseOnExec);
            if (slave.IsInvalid)
            {
                throw new IOException($"open {path} failed (errno {Marshal.GetLastPInvokeError()})");
            }

            var terminal = new PseudoTerminal(master, slave, path);
            terminal.Resize(rows, columns);
            return terminal;
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>Sets the window size; the kernel signals the child's process group (SIGWINCH) when it changes.</summary>
    public void Resize(int rows, int columns)
    {
        var size = new WindowSize
        {
            Rows = (ushort)Math.Clamp(rows, 1, ushort.MaxValue),
            Columns = (ushort)Math.Clamp(columns, 1, ushort.MaxValue),
        };
        if (IoctlWindowSize(_master, SetWindowSize, ref size) != 0)
        {
            throw new IOException($"TIOCSWINSZ failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>
    /// Lets go of the daemon's hold on the child's end, once the child has exited: the remaining output can then be
    /// read, and the read after it fails instead of waiting for more.
    /// </summary>
    public void CloseSlave()
    {
        _slave?.Dispose();
        _slave = null;
    }

    public void Dispose()
    {
        CloseSlave();
        Master.Dispose();
        _master.Dispose();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort Width;
        public ushort Height;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial SafeFileHandle OpenMaster(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantAccess(SafeFileHandle master);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int Unlock(SafeFileHandle master);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int SlaveName(SafeFileHandle master, [Out] byte[] buffer, nint length);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial SafeFileHandle OpenFile(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoctlWindowSize(SafeFileHandle fd, ulong request, ref WindowSize size);
}
