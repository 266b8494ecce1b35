using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// Private keys stored in the vault as key material reach ssh through an ssh-agent of Rampart's own, one per distinct
/// key, with its socket in the private 0700 ssh directory: the key lives in the agent's memory and is never written
/// to disk. ssh is pointed at the agent (<c>IdentityAgent</c>) and at the public half (<c>-i key.pub</c>) so that
/// <c>IdentitiesOnly</c> still offers exactly that key. Agents live as long as the daemon.
/// </summary>
public sealed class SshAgents(string directory) : IAsyncDisposable
{
    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(10);

    /// <summary>Names agents by a keyed hash, so equal keys share an agent and file names reveal nothing of the key.</summary>
    private readonly byte[] _nameKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, Task<(Process Agent, AgentIdentity Identity)>> _agents = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The agent holding <paramref name="privateKey"/> (OpenSSH or PEM text), started on first use.</summary>
    public async Task<AgentIdentity> GetAsync(string privateKey, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(HMACSHA256.HashData(_nameKey, Encoding.UTF8.GetBytes(privateKey)))[..16];
        Task<(Process Agent, AgentIdentity Identity)> starting;
        lock (_lock)
        {
            if (!_agents.TryGetValue(name, out starting!) || starting.IsFaulted || starting.IsCanceled)
            {
                // The start must not depend on the first caller's cancellation: others may be waiting on it too.
                starting = StartAsync(name, privateKey);
                _agents[name] = starting;
            }
        }

        return (await starting.WaitAsync(cancellationToken)).Identity;
    }

    public async ValueTask DisposeAsync()
    {
        List<Task<(Process Agent, AgentIdentity Identity)>> agents;
        lock (_lock)
        {
            agents = [.. _agents.Values];
            _agents.Clear();
        }

        foreach (var agent in agents.Where(a => a.IsCompletedSuccessfully))
        {
            var (process, _) = await agent;
            await AgentProcess.StopAsync(process);
        }
    }

    private async Task<(Process Agent, AgentIdentity Identity)> StartAsync(string name, string privateKey)
    {
        using var limit = new CancellationTokenSource(s_startLimit);
        var socket = Path.Combine(directory, "agent-" + name + ".sock");
        var agent = await AgentProcess.StartAsync(socket, limit.Token);
        try
        {
            await AgentProcess.AddKeyAsync(socket, privateKey, limit.Token);
            if (await AgentProcess.ListAsync(socket, limit.Token) is not [var publicKey, ..])
            {
                throw new ShellFailedException("ssh-agent holds no key after ssh-add");
            }

            var publicKeyFile = Path.Combine(directory, "agent-" + name + ".pub");
            await File.WriteAllTextAsync(publicKeyFile, publicKey + "\n", limit.Token);
            File.SetUnixFileMode(publicKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return (agent, new AgentIdentity(socket, publicKeyFile));
        }
        catch
        {
            AgentProcess.Kill(agent);
            throw;
        }
    }
}
