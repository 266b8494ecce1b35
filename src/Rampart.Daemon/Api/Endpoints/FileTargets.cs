using Rampart.Core.Inventory;
using Rampart.Daemon.Shells;
using Rampart.Shell.Files;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// Where a file request goes: the connection's started shell (required, as in XPipe), and the <see cref="ChannelFiles"/>
/// that move the bytes beside it; null for the local machine, whose files the daemon opens itself.
/// </summary>
public sealed class FileTargets(InventoryService inventory, ShellSessions shells, ConnectionShells connections, ConnectionScope scope)
{
    public async Task<(ShellSession Session, ChannelFiles? Remote)> ResolveAsync(HttpContext http, ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.RequireId(EntryNaming.Connection.IdFields);
        await scope.RequireAllowedAsync(http, id, cancellationToken);
        var session = shells.Get(id);
        var entry = inventory.GetEntry(id).Entry;
        http.RequireGatewayAccess(entry, connections);
        return await connections.FileChannelAsync(entry, cancellationToken) is { } channel
            ? (session, new ChannelFiles(channel, session))
            : (session, null);
    }
}
