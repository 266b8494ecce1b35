namespace Rampart.Daemon.Hosting;

/// <summary>The data directory: created owner-only (0700); an existing one that others may write to is refused.</summary>
public static class DataDirectory
{
    public static void Prepare(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException(
                $"The data directory {path} can be written by other users; use a private directory (chmod 700 {path}).");
        }
    }
}
