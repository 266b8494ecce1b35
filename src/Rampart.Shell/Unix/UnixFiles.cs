using System.Globalization;
using System.Runtime.InteropServices;

namespace Rampart.Shell.Unix;

/// <summary>File ownership, which .NET's file APIs do not cover.</summary>
public static partial class UnixFiles
{
    /// <summary>Gives <paramref name="path"/> to the OS group named; the owner stays.</summary>
    public static void ChangeGroup(string path, string group)
    {
        var gid = File.ReadLines("/etc/group")
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length > 2 && fields[0] == group)
            .Select(fields => int.Parse(fields[2], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1)
            .First();
        if (gid < 0)
        {
            throw new IOException($"No OS group named {group}");
        }

        if (Chown(path, -1, gid) != 0)
        {
            throw new IOException($"Could not give {path} to group {group} (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, int owner, int group);
}
