using System.Security.Cryptography;
using Rampart.Shell.OpenSsh.Askpass;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// Rampart's own OpenSSH state: a known_hosts file in the data directory (trust on first use, never the user's), and
/// a private 0700 directory for ControlMaster sockets, agent sockets and the askpass socket and script. The directory
/// sits under /tmp because a socket path may be at most 107 bytes long.
/// </summary>
public sealed class SshEnvironment : IAsyncDisposable
{
    /// <param name="askpassProgram">The <c>rampart</c> CLI, which answers ssh's password prompts; null disables password logins.</param>
    public SshEnvironment(string dataDirectory, TimeProvider time, string? askpassProgram)
    {
        KnownHostsFile = Path.Combine(dataDirectory, "known_hosts");
        ControlDirectory = Path.Combine(Path.GetTempPath(), "rampart-ssh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(ControlDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Agents = new SshAgents(ControlDirectory);
        AskpassTokens = new AskpassTokens(time);
        AskpassSocket = Path.Combine(ControlDirectory, "askpass.sock");
        if (askpassProgram is not null)
        {
            // SSH_ASKPASS names one program without arguments; this script adds the "askpass" verb. It holds no secret.
            AskpassScript = Path.Combine(ControlDirectory, "askpass");
            File.WriteAllText(AskpassScript, $"#!/bin/sh\nexec '{askpassProgram.Replace("'", "'\\''", StringComparison.Ordinal)}' askpass \"$@\"\n");
            File.SetUnixFileMode(AskpassScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string KnownHostsFile { get; }

    public string ControlDirectory { get; }

    public SshAgents Agents { get; }

    public AskpassTokens AskpassTokens { get; }

    /// <summary>Where <see cref="AskpassServer"/> listens.</summary>
    public string AskpassSocket { get; }

    /// <summary>The program ssh runs as SSH_ASKPASS, or null when the CLI was not found.</summary>
    public string? AskpassScript { get; }

    public async ValueTask DisposeAsync()
    {
        await Agents.DisposeAsync();
        try
        {
            Directory.Delete(ControlDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
