using System.Security.Cryptography;
using System.Text;

namespace Rampart.Daemon.Hosting;

/// <summary>
/// XPipe's local authentication: a fresh random token in a file only the daemon's user can read. Whoever can read
/// it is the machine's owner. Written at start (0600 from the first byte), removed at exit if still ours.
/// </summary>
public sealed class LocalAuthFile
{
    public LocalAuthFile(string path)
    {
        Path = path;
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    }

    public string Path { get; }

    public string Token { get; }

    public void Write()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(Token));
        }

        // Rename over any stale file, so no reader ever sees a half-written or wider-permission token.
        File.Move(temporary, Path, overwrite: true);
    }

    public void Remove()
    {
        try
        {
            if (File.Exists(Path) && File.ReadAllText(Path).Trim() == Token)
            {
                File.Delete(Path);
            }
        }
        catch (IOException)
        {
            // Best effort at exit: a stale token is useless once this daemon is gone.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Trim()), Encoding.UTF8.GetBytes(Token));
}
