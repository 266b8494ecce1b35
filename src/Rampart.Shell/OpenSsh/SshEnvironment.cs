using System.Security.Cryptography;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// Rampart's own OpenSSH state: a known_hosts file in the data directory (trust on first use, never the user's),
/// and a private 0700 directory for ControlMaster sockets. The directory sits under /tmp because a socket path may
/// be at most 107 bytes long.
/// </summary>
public sealed class SshEnvironment : IDisposable
{
    public SshEnvironment(string dataDirectory)
    {
        KnownHostsFile = Path.Combine(dataDirectory, "known_hosts");
        ControlDirectory = Path.Combine(Path.GetTempPath(), "rampart-ssh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(ControlDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string KnownHostsFile { get; }

    public string ControlDirectory { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(ControlDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
