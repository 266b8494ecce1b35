using System.Diagnostics;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Vault;
using Rampart.Shell.Processes;

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
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "ssh-agent -D -a \"$1\" >/dev/null & agent=$!; trap 'kill $agent 2>/dev/null' EXIT; cat >/dev/null", "rampart-egress-agent", socket })
        {
            start.ArgumentList.Add(argument);
        }

        var agent = Process.Start(start)!;
        var publicFiles = new List<string>();
        try
        {
            for (var waited = 0; !File.Exists(socket); waited += 5)
            {
                if (waited > 5000 || agent.HasExited)
                {
                    throw new InvalidOperationException("ssh-agent did not start");
                }

                await Task.Delay(5, cancellationToken);
            }

            var environment = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket };
            foreach (var key in keys)
            {
                var added = await CommandRunner.RunAsync("ssh-add", ["-q", "-"], Accounts.EgressKeys.Reveal(cipher, key), environment, cancellationToken);
                if (!added.Succeeded)
                {
                    throw new InvalidOperationException($"ssh-add refused an egress key: {added.Error.Trim()}");
                }

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
        try
        {
            agent.StandardInput.Close();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await agent.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            agent.Kill(entireProcessTree: true);
        }
        finally
        {
            agent.Dispose();
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
