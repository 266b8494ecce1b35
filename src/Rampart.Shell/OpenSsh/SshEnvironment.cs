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
        RemoveLeftovers();
        ControlDirectory = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(ControlDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(ControlDirectory, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    private const string DirectoryPrefix = "rampart-ssh-";

    /// <summary>The pid of the daemon that made the directory, so a later daemon can remove it once that one is gone.</summary>
    private const string OwnerFile = "daemon.pid";

    public string KnownHostsFile { get; }

    public string ControlDirectory { get; }

    public SshAgents Agents { get; }

    public AskpassTokens AskpassTokens { get; }

    /// <summary>Where <see cref="AskpassServer"/> listens.</summary>
    public string AskpassSocket { get; }

    /// <summary>The program ssh runs as SSH_ASKPASS, or null when the CLI was not found.</summary>
    public string? AskpassScript { get; }

    /// <summary>
    /// Directories of daemons that were killed (no chance to clean up): those whose owner pid no longer runs. Only
    /// directories this user can read are considered; another user's are not ours to judge.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            try
            {
                var owner = File.ReadAllText(Path.Combine(directory, OwnerFile)).Trim();
                if (int.TryParse(owner, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours, not readable, or a daemon of an older version without an owner file: left alone.
            }
        }
    }

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
