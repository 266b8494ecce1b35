using System.Globalization;

namespace Rampart.Bastion.Egress;

/// <summary>
/// The OpenSSH client command line of an egress connection. Hardened as The Bastion's egress ssh_config: no agent or
/// port forwarding, no multiplexing, keys only from the session's agent, the bastion's own known_hosts.
/// </summary>
public static class EgressCommand
{
    public static IReadOnlyList<string> Arguments(
        SessionAgent agent, string knownHosts, string user, string address, int port, bool pty, string? remoteCommand, TimeSpan? connectTimeout = null,
        bool subsystem = false)
    {
        var arguments = new List<string>
        {
            pty ? "-tt" : "-T",
            // No escape character: every byte the account types belongs to the remote session.
            "-e", "none",
            "-o", "BatchMode=yes",
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=" + agent.Socket,
            "-o", "PreferredAuthentications=publickey",
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", "UserKnownHostsFile=" + knownHosts,
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "ForwardAgent=no",
            "-o", "ForwardX11=no",
            "-o", "ClearAllForwardings=yes",
            "-o", "ControlMaster=no",
            "-o", "ControlPath=none",
            "-o", "LogLevel=ERROR",
            "-F", "/dev/null",
        };
        if (connectTimeout is { } timeout)
        {
            arguments.AddRange(["-o", "ConnectTimeout=" + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)]);
        }

        foreach (var file in agent.PublicKeyFiles)
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
