using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Shell.Files;
using Rampart.Shell.Local;
using Rampart.Shell.OpenSsh;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Shells;

/// <summary>
/// How each kind of shell connection is reached: the shell to start (local, over ssh, or nested inside one of
/// those) and the channel that carries file bytes beside it.
/// </summary>
public sealed class ConnectionShells(InventoryService inventory, SshTargetResolver ssh, SshEnvironment sshEnvironment)
{
    public async Task<ShellLaunch> LaunchAsync(Entry entry, CancellationToken cancellationToken)
    {
        switch (ConnectionTypes.Get(entry.Type))
        {
            case LocalMachineType:
                return LocalShell.Launch();
            case SshType or SshConfigHostType:
                return SshShell.Launch(await ssh.ResolveAsync(entry, cancellationToken), sshEnvironment);
            case ShellEnvironmentType:
                var nested = Nested(entry);
                var launch = nested.Host is null
                    ? LocalShell.Launch(nested.Command)
                    : SshShell.Launch(await ssh.ResolveAsync(nested.Host, cancellationToken), sshEnvironment, nested.Command);
                return launch with { InitCommands = nested.InitCommands };
            case { IsShell: true }:
                throw new ClientErrorException(
                    $"Shell sessions on {entry.Type} connections are not supported by this Rampart version yet (local, ssh, sshConfigHost and shellEnvironment are)");
            default:
                throw new ClientErrorException("Not a shell connection");
        }
    }

    /// <summary>The channel for file bytes, or null for the local machine, whose files the daemon opens itself.</summary>
    public async Task<FileChannel?> FileChannelAsync(Entry entry, CancellationToken cancellationToken)
    {
        switch (ConnectionTypes.Get(entry.Type))
        {
            case LocalMachineType:
                return null;
            case SshType or SshConfigHostType:
                return SshShell.Channel(await ssh.ResolveAsync(entry, cancellationToken), sshEnvironment);
            case ShellEnvironmentType:
                // The nested shell's files are its host's, seen as the nested user: the host's channel, through the same sudo.
                var nested = Nested(entry);
                var host = nested.Host is null ? LocalShell.Channel() : SshShell.Channel(await ssh.ResolveAsync(nested.Host, cancellationToken), sshEnvironment);
                return command => host(NestedShellCommand.Wrap(nested.Elevated, nested.User, command));
            default:
                throw new ClientErrorException($"File operations on {entry.Type} connections are not supported by this Rampart version yet");
        }
    }

    /// <summary>
    /// Whether opening this connection runs code on, or uses files of, the gateway machine itself: the local machine,
    /// a nested shell on it, sshConfigHost entries (their config file may hold ProxyCommand or LocalCommand), and ssh
    /// entries that log in with a key file of the gateway (its own credentials). Other ssh entries do not: Rampart
    /// builds their command line, refuses local-command options, and their keys live in the vault.
    /// </summary>
    public bool RunsOnGateway(Entry entry)
    {
        switch (ConnectionTypes.Get(entry.Type))
        {
            case LocalMachineType or SshConfigHostType:
                return true;
            case SshType:
                return ssh.UsesKeyFiles(entry);
            case ShellEnvironmentType:
                var data = JsonNode.Parse(entry.RawData)!.AsObject();
                var host = StoreReference.Read(data["host"]) is { } id ? inventory.FindEntry(id) : null;
                return host is null || RunsOnGateway(host);
            default:
                return false;
        }
    }

    /// <summary>A nested shell's parts; its host is null for the local machine.</summary>
    private (Entry? Host, string Command, bool Elevated, string? User, string? InitCommands) Nested(Entry entry)
    {
        var data = JsonNode.Parse(entry.RawData)!.AsObject();
        var host = StoreReference.Read(data["host"]) is { } id ? inventory.FindEntry(id) : null;
        if (host is null)
        {
            throw new ClientErrorException("The nested shell's host connection no longer exists");
        }

        if (ConnectionTypes.Get(host.Type) is not (LocalMachineType or SshType or SshConfigHostType))
        {
            throw new ClientErrorException($"Nested shells inside {host.Type} connections are not supported by this Rampart version yet");
        }

        var elevated = data["elevated"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
        var user = StoreJson.Text(data["user"]);
        var command = NestedShellCommand.Build(StoreJson.Text(data["shell"]), elevated, user);
        return (host.Type == "local" ? null : host, command, elevated, user, StoreJson.Text(data["commands"]));
    }
}
