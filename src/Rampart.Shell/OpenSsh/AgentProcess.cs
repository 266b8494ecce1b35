using System.Diagnostics;
using Rampart.Core.Errors;
using Rampart.Shell.Processes;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// One ssh-agent of Rampart's own: started under a shell that kills it when the daemon's pipe closes (so even a
/// SIGKILL of the daemon ends it and no key outlives the daemon in memory), keys added through ssh-add's stdin only.
/// Shared by the connection agents (<see cref="SshAgents"/>) and the bastion's per-session agents.
/// </summary>
public static class AgentProcess
{
    public static async Task<Process> StartAsync(string socket, CancellationToken cancellationToken)
    {
        File.Delete(socket);
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
                    throw new ShellFailedException("ssh-agent exited at once: " + (await agent.StandardError.ReadToEndAsync(cancellationToken)).Trim());
                }

                await Task.Delay(5, cancellationToken);
            }

            return agent;
        }
        catch
        {
            Kill(agent);
            throw;
        }
    }

    /// <summary>Adds a private key (OpenSSH or PEM text) through ssh-add's stdin, never a file or an argument.</summary>
    public static async Task AddKeyAsync(string socket, string privateKey, CancellationToken cancellationToken)
    {
        var text = privateKey.EndsWith('\n') ? privateKey : privateKey + "\n";
        var added = await CommandRunner.RunAsync("ssh-add", ["-q", "-"], text, Environment(socket), cancellationToken);
        if (!added.Succeeded)
        {
            throw new ClientErrorException("The private key was refused by ssh-add: " + added.Error.Trim());
        }
    }

    /// <summary>The public keys the agent holds, one OpenSSH line each.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(string socket, CancellationToken cancellationToken)
    {
        var listed = await CommandRunner.RunAsync("ssh-add", ["-L"], null, Environment(socket), cancellationToken);
        return listed.Succeeded ? listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    /// <summary>Ends the agent: closing its pipe lets the shell's trap kill it; a stuck one is killed.</summary>
    public static async Task StopAsync(Process agent)
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
        }
    }

    public static void Kill(Process agent)
    {
        if (!agent.HasExited)
        {
            agent.Kill(entireProcessTree: true);
        }

        agent.Dispose();
    }

    private static Dictionary<string, string> Environment(string socket) => new() { ["SSH_AUTH_SOCK"] = socket };
}
