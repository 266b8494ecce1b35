using System.Globalization;

namespace Rampart.Bastion.Egress;

/// <summary>
/// The OpenSSH client command line of an egress connection. Hardened as The Bastion's egress ssh_config: no agent or
/// port forwarding, no multiplexing, keys only from the session's agent, the bastion's own known_hosts. A password
/// login (no agent) uses no keys and takes its passwords from the askpass program only.
/// </summary>
public static class EgressCommand
{
    public static IReadOnlyList<string> Arguments(
        SessionAgent? agent, string knownHosts, string user, string address, int port, bool pty, string? remoteCommand,
        bool subsystem = false, EgressSshOptions? options = null)
    {
        options ??= EgressSshOptions.Default;
        var passwords = options.PasswordPrompts > 0;
        var arguments = new List<string>
        {
            pty ? "-tt" : "-T",
            // No escape character: every byte the account types belongs to the remote session.
            "-e", "none",
            // Prompts only when the account asked for them on its terminal, or for the askpass program's passwords.
            "-o", options.KeyboardInteractive && pty || passwords ? "BatchMode=no" : "BatchMode=yes",
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=" + (agent?.Socket ?? "none"),
            "-o", "PreferredAuthentications=" + (passwords
                ? "keyboard-interactive,password"
                : options.KeyboardInteractive && pty ? "publickey,keyboard-interactive" : "publickey"),
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", "UserKnownHostsFile=" + knownHosts,
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "ForwardAgent=no",
            "-o", "ForwardX11=no",
            "-o", "ClearAllForwardings=yes",
            "-o", "ControlMaster=no",
            "-o", "ControlPath=none",
            "-o", "LogLevel=ERROR",
            // The client's locale and who came through the bastion, for servers that accept LANG and LC_* (the relays
            // set these on egress sessions only; the daemon's own are never passed on).
            "-o", "SendEnv=" + EgressEnvironment.SendEnvPatterns[0],
            "-o", "SendEnv=" + EgressEnvironment.SendEnvPatterns[1],
            "-F", "/dev/null",
        };
        if (passwords)
        {
            arguments.AddRange(["-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=" + options.PasswordPrompts.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.Bind is { } bind)
        {
            arguments.AddRange(["-b", bind]);
        }

        if (options.ConnectTimeout is { } timeout)
        {
            arguments.AddRange(["-o", "ConnectTimeout=" + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)]);
        }

        foreach (var file in agent?.PublicKeyFiles ?? [])
        {
            arguments.AddRange(["-i", file]);
        }

        if (subsystem)
        {
            // The remote command names an ssh subsystem (sftp) rather than a command for the user's shell.
            arguments.Add("-s");
        }

        arguments.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture), "-l", user, "--", address]);
        if (remoteCommand is not null)
        {
            arguments.Add(remoteCommand);
        }

        return arguments;
    }
}
