using System.Runtime.InteropServices;

namespace Rampart.Shell.Unix;

/// <summary>Named pipes (FIFOs): a path on disk through which data passes without ever being stored.</summary>
public static partial class Fifo
{
    private const int ReadOnlyNonBlocking = 0x800; // O_RDONLY | O_NONBLOCK on Linux

    public static void Create(string path, UnixFileMode mode)
    {
        if (MakeFifo(path, (uint)mode) != 0)
        {
            throw new IOException($"mkfifo {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>
    /// Lets a writer that is waiting for a reader in <c>open</c> go on: opens the pipe for reading without waiting and
    /// closes it at once (the writer then finds nobody reading).
    /// </summary>
    public static void ReleaseWriter(string path)
    {
        var descriptor = Open(path, ReadOnlyNonBlocking);
        if (descriptor >= 0)
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
