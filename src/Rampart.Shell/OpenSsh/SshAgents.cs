using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Errors;
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
            process.StandardInput.Close();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private async Task<(Process Agent, AgentIdentity Identity)> StartAsync(string name, string privateKey)
    {
        using var limit = new CancellationTokenSource(s_startLimit);
        var socket = Path.Combine(directory, "agent-" + name + ".sock");
        File.Delete(socket);
        // The agent lives exactly as long as this pipe from the daemon: when the daemon ends, even by SIGKILL, the pipe
        // closes, cat returns, and the trap kills the agent, so no key outlives the daemon in memory.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", "ssh-agent -D -a \"$1\" >/dev/null & agent=$!; trap 'kill $agent 2>/dev/null' EXIT; cat >/dev/null", "rampart-agent", socket })
        {
            start.ArgumentList.Add(argument);
        }

        var agent = Process.Start(start) ?? throw new ShellFailedException("ssh-agent did not start");
        try
        {
            while (!File.Exists(socket))
            {
                if (agent.HasExited)
                {
                    throw new ShellFailedException("ssh-agent exited at once: " + (await agent.StandardError.ReadToEndAsync(limit.Token)).Trim());
                }

                await Task.Delay(5, limit.Token);
            }

            // The key goes in through ssh-add's stdin ("-"), never through a file or an argument.
            var text = privateKey.EndsWith('\n') ? privateKey : privateKey + "\n";
            var (added, addError, _) = await RunAsync(["ssh-add", "-q", "-"], socket, text, limit.Token);
            if (added != 0)
            {
                throw new ClientErrorException("The identity's private key was refused by ssh-add: " + addError.Trim());
            }

            var (listed, listError, publicKeys) = await RunAsync(["ssh-add", "-L"], socket, null, limit.Token);
            if (listed != 0 || publicKeys.Split('\n', StringSplitOptions.RemoveEmptyEntries) is not [var publicKey, ..])
            {
                throw new ShellFailedException("ssh-agent holds no key after ssh-add: " + listError.Trim());
            }

            var publicKeyFile = Path.Combine(directory, "agent-" + name + ".pub");
            await File.WriteAllTextAsync(publicKeyFile, publicKey + "\n", limit.Token);
            File.SetUnixFileMode(publicKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return (agent, new AgentIdentity(socket, publicKeyFile));
        }
        catch
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }

            agent.Dispose();
            throw;
        }
    }

    private static async Task<(int ExitCode, string Error, string Output)> RunAsync(
        string[] command, string socket, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SSH_AUTH_SOCK"] = socket;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await error, await output);
    }
}
