using System.Runtime.InteropServices;

namespace Rampart.Shell.Unix;

/// <summary>File ownership, which .NET's file APIs do not cover.</summary>
public static partial class UnixFiles
{
    /// <summary>Gives <paramref name="path"/> to the OS group <paramref name="gid"/>; the owner stays.</summary>
    public static void ChangeGroup(string path, int gid)
    {
        if (Chown(path, -1, gid) != 0)
        {
            throw new IOException($"Could not give {path} to group {gid} (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>
    /// The owner and mode of <paramref name="path"/> itself (a symbolic link is not followed); null when nothing is
    /// there. Read with statx, whose layout is the same on every architecture.
    /// </summary>
    public static UnixFileStatus? Status(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is NoSuchEntry or NotADirectory ? null : throw new IOException($"Could not read the status of {path} (errno {errno})");
        }

        // struct statx: stx_mask u32 @0, stx_blksize u32 @4, stx_attributes u64 @8, stx_nlink u32 @16, stx_uid u32 @20,
        // stx_gid u32 @24, stx_mode u16 @28.
        return new UnixFileStatus(MemoryMarshal.Read<uint>(buffer[20..]), MemoryMarshal.Read<ushort>(buffer[28..]));
    }

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int NoSuchEntry = 2;
    private const int NotADirectory = 20;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, int owner, int group);
}
