using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Daemon.Shells;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// Proves that a shell connection works by opening a shell and running <c>true</c> (<c>validate: true</c> on add,
/// <c>/connection/refresh</c>). A connection with a running shell is checked through it; otherwise a throwaway shell
/// is used, so validation never disturbs shared sessions. Other types have nothing to connect to and pass.
/// </summary>
public sealed class ConnectionValidator(ShellSessions shells, ConnectionShells connections)
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

        await using var session = await ShellSession.StartAsync(await connections.LaunchAsync(entry, cancellationToken), cancellationToken);
        await session.ExecAsync("true", s_limit, cancellationToken);
    }
}
