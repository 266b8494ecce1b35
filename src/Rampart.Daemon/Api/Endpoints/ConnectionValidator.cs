using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Shell.Local;
using Rampart.Shell.OpenSsh;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// Proves that a shell connection works by opening a shell and running <c>true</c> (<c>validate: true</c> on add,
/// <c>/connection/refresh</c>). A connection with a running shell is checked through it; otherwise a throwaway shell
/// is used, so validation never disturbs shared sessions. Other types have nothing to connect to and pass.
/// </summary>
public sealed class ConnectionValidator(ShellSessions shells, SshTargetResolver ssh, SshEnvironment sshEnvironment, InventoryService inventory)
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    public async Task ValidateAsync(Entry entry, CancellationToken cancellationToken)
    {
        var type = ConnectionTypes.Get(entry.Type);
        if (!type.IsShell)
        {
            return;
        }

        ShellSession? running = null;
        try
        {
            running = shells.Get(entry.Id);
        }
        catch (ClientErrorException)
        {
        }

        if (running is not null)
        {
            await running.ExecAsync("true", s_limit, cancellationToken);
            return;
        }

        await using var session = await ShellSession.StartAsync(LaunchFor(entry), cancellationToken);
        await session.ExecAsync("true", s_limit, cancellationToken);
    }

    /// <summary>How to start the shell of a connection: local, over ssh, or nested inside one of those.</summary>
    public ShellLaunch LaunchFor(Entry entry) => ConnectionTypes.Get(entry.Type) switch
    {
        LocalMachineType => LocalShell.Launch(),
        SshType or SshConfigHostType => SshShell.Launch(ssh.Resolve(entry), sshEnvironment),
        ShellEnvironmentType => NestedLaunch(entry),
        { IsShell: true } => throw new ClientErrorException(
            $"Shell sessions on {entry.Type} connections are not supported by this Rampart version yet (local and ssh are)"),
        _ => throw new ClientErrorException("Not a shell connection"),
    };

    private ShellLaunch NestedLaunch(Entry entry)
    {
        var data = JsonNode.Parse(entry.RawData)!.AsObject();
        var host = StoreReference.Read(data["host"]) is { } id ? inventory.FindEntry(id) : null;
        if (host is null)
        {
            throw new ClientErrorException("The nested shell's host connection no longer exists");
        }

        var command = NestedShellCommand.Build(
            StoreJson.Text(data["shell"]), data["elevated"] is JsonValue elevated && elevated.GetValueKind() == JsonValueKind.True, StoreJson.Text(data["user"]));
        var launch = ConnectionTypes.Get(host.Type) switch
        {
            LocalMachineType => LocalShell.Launch(command),
            SshType or SshConfigHostType => SshShell.Launch(ssh.Resolve(host), sshEnvironment, command),
            _ => throw new ClientErrorException($"Nested shells inside {host.Type} connections are not supported by this Rampart version yet"),
        };
        return launch with { InitCommands = StoreJson.Text(data["commands"]) };
    }

}
