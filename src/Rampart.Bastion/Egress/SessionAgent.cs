using System.Diagnostics;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Vault;
using Rampart.Shell.OpenSsh;

namespace Rampart.Bastion.Egress;

/// <summary>
/// An ssh-agent that lives for one egress connection and holds exactly the keys its grants allow. Keys reach it
/// through ssh-add's stdin, so they are never written to disk; its socket sits in a 0700 directory of the daemon's
/// and the agent dies when the session ends (or with the daemon, whose pipe keeps it alive).
/// </summary>
public sealed class SessionAgent : IAsyncDisposable
{
    private readonly Process _agent;

    private SessionAgent(string directory, Process agent, IReadOnlyList<string> publicKeyFiles)
    {
        Directory = directory;
        _agent = agent;
        PublicKeyFiles = publicKeyFiles;
    }

    public string Directory { get; }

    public string Socket => Path.Combine(Directory, "agent");

    /// <summary>The public halves, for ssh's <c>-i</c>: with IdentitiesOnly, ssh offers exactly these keys from the agent.</summary>
    public IReadOnlyList<string> PublicKeyFiles { get; }

    public static async Task<SessionAgent> StartAsync(VaultCipher cipher, IReadOnlyList<EgressKey> keys, CancellationToken cancellationToken)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("rampart-egress-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var socket = Path.Combine(directory, "agent");
        Process agent;
        try
        {
            agent = await AgentProcess.StartAsync(socket, cancellationToken);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        var publicFiles = new List<string>();
        try
        {
            foreach (var key in keys)
            {
                await AgentProcess.AddKeyAsync(socket, Accounts.EgressKeys.Reveal(cipher, key), cancellationToken);
                var file = Path.Combine(directory, $"key{publicFiles.Count}.pub");
                await File.WriteAllTextAsync(file, key.PublicKey.Line + "\n", cancellationToken);
                publicFiles.Add(file);
            }

            return new SessionAgent(directory, agent, publicFiles);
        }
        catch
        {
            await StopAsync(agent, directory);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_agent, Directory));

    private static async Task StopAsync(Process agent, string directory)
    {
        await AgentProcess.StopAsync(agent);
        System.IO.Directory.Delete(directory, recursive: true);
    }
}
