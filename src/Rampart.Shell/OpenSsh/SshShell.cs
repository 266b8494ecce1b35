using System.Diagnostics;
using System.Globalization;
using Rampart.Contracts;
using Rampart.Shell.Files;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// A persistent shell on a host through the OpenSSH client: one ControlMaster per connection (later channels such as
/// interrupts reuse it), keys from files or Rampart's agents, passwords through askpass, a fast and safe key exchange,
/// host keys trusted on first use into Rampart's own known_hosts and refused when they change.
/// </summary>
public static class SshShell
{
    /// <summary>curve25519 first: about a third cheaper than the post-quantum default (field notes), still modern.</summary>
    private const string KeyExchange = "curve25519-sha256,curve25519-sha256@libssh.org,sntrup761x25519-sha512@openssh.com,ecdh-sha2-nistp256";

    public static ShellLaunch Launch(SshTarget target, SshEnvironment environment, string remoteCommand = "exec sh")
    {
        var start = new ProcessStartInfo("ssh");
        foreach (var argument in Arguments(target, environment, ["-T"]))
        {
            start.ArgumentList.Add(argument);
        }

        // The login shell runs this once; from then on commands go to a plain sh (or the nested shell) without rc files.
        start.ArgumentList.Add(remoteCommand);
        if (target.PasswordHops().ToList() is { Count: > 0 } hops)
        {
            // ssh asks the askpass helper, which trades this launch's one-time token for the password at the daemon.
            start.Environment["SSH_ASKPASS"] = environment.AskpassScript
                ?? throw new ShellFailedException("Password logins need the rampart CLI (as askpass) next to the daemon, and it was not found");
            start.Environment["SSH_ASKPASS_REQUIRE"] = "force";
            start.Environment[AskpassProtocol.SocketVariable] = environment.AskpassSocket;
            start.Environment[AskpassProtocol.TokenVariable] = environment.AskpassTokens.Issue(hops);
        }

        return new ShellLaunch(start, (_, remotePid) => InterruptAsync(target, environment, remotePid));
    }

    /// <summary>Bulk data beside the shell: each command on a new channel of its ControlMaster.</summary>
    public static FileChannel Channel(SshTarget target, SshEnvironment environment) => command =>
    {
        var start = new ProcessStartInfo("ssh");
        foreach (var argument in Arguments(target, environment, ["-T"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(command);
        return start;
    };

    /// <summary>The ssh options shared by the shell and its side channels; the host comes last, after "--".</summary>
    public static List<string> Arguments(SshTarget target, SshEnvironment environment, IEnumerable<string> extra)
    {
        // Rampart knows every connection's details; only an sshConfigHost reads a config file, its own.
        var arguments = new List<string> { "-F", target.ConfigFile ?? "/dev/null" };
        arguments.AddRange(extra);
        foreach (var option in Authentication(target).Concat(
                 [
                     "ControlMaster=auto",
                     "ControlPath=" + Path.Combine(environment.ControlDirectory, "%C"),
                     // The shell's own ssh is the master: side channels share its connection, and nothing outlives it.
                     "ControlPersist=no",
                     "UserKnownHostsFile=" + environment.KnownHostsFile,
                     "GlobalKnownHostsFile=/dev/null",
                     "StrictHostKeyChecking=accept-new",
                     "KexAlgorithms=" + KeyExchange,
                     "ConnectTimeout=15",
                     "ServerAliveInterval=15",
                     "ServerAliveCountMax=3",
                     "IdentitiesOnly=yes",
                     "LogLevel=ERROR",
                 ]).Concat(target.Options))
        {
            arguments.Add("-o");
            arguments.Add(option);
        }

        if (target.Gateway is { } gateway)
        {
            arguments.Add("-o");
            arguments.Add("ProxyCommand=" + ProxyCommand(gateway, environment));
        }

        if (target.Port is { } port)
        {
            arguments.Add("-p");
            arguments.Add(port.ToString(CultureInfo.InvariantCulture));
        }
        if (target.User is not null)
        {
            arguments.Add("-l");
            arguments.Add(target.User);
        }

        if (target.IdentityFile is not null)
        {
            arguments.Add("-i");
            arguments.Add(target.IdentityFile);
        }

        arguments.Add("--");
        arguments.Add(target.Host);
        return arguments;
    }

    /// <summary>
    /// Key-only logins never prompt (BatchMode). A password login prompts once, answered by askpass; keys still go
    /// first. A key held by Rampart's agent is offered from there.
    /// </summary>
    private static IEnumerable<string> Authentication(SshTarget target)
    {
        if (target.Password is null)
        {
            yield return "BatchMode=yes";
        }
        else
        {
            yield return "BatchMode=no";
            yield return "PreferredAuthentications=publickey,password,keyboard-interactive";
            yield return "NumberOfPasswordPrompts=1";
        }

        if (target.Agent is not null)
        {
            yield return "IdentityAgent=" + target.Agent.Socket;
        }
        else if (target.ConfigFile is null)
        {
            // Not the daemon's own agent: a connection uses the keys its identity names, nothing else.
            yield return "IdentityAgent=none";
        }
    }

    /// <summary>
    /// The jump through a gateway: its own ssh (its own key, the same known_hosts, its own ControlMaster) forwarding
    /// stdin/stdout to the target with <c>-W %h:%p</c>. ssh hands the command to /bin/sh after expanding % tokens, so
    /// every word is single-quoted and every % of the gateway's own words doubled; a gateway's gateway nests the same way.
    /// </summary>
    private static string ProxyCommand(SshTarget gateway, SshEnvironment environment)
    {
        var words = Arguments(gateway, environment, []).Select(word => Quote(word.Replace("%", "%%", StringComparison.Ordinal))).ToList();

        // Options end with "--" and the host; -W goes before them, unescaped, for this ssh to expand.
        return string.Join(' ', ["ssh", .. words[..^2], "-W", "%h:%p", .. words[^2..]]);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Kills the remote shell's children over a new channel of the same ControlMaster; the shell lives on.</summary>
    private static async Task InterruptAsync(SshTarget target, SshEnvironment environment, int remotePid)
    {
        if (remotePid <= 1)
        {
            return;
        }

        var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in Arguments(target, environment, ["-T"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"kill -USR1 {remotePid}; pkill -KILL -P {remotePid} || kill -9 $(ps -o pid= --ppid {remotePid}) 2>/dev/null"));
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
