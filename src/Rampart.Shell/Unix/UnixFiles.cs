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

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, int owner, int group);
}
