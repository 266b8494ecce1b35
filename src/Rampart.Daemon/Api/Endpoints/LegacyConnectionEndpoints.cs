using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/connection/browse|terminal|toggle</c>: removed in XPipe 17.0 but still called by older Python clients. Rampart
/// checks the connection exactly as XPipe did, then explains what it cannot do.
/// </summary>
public static class LegacyConnectionEndpoints
{
    public static void MapLegacyConnections(this IEndpointRouteBuilder app)
    {
        app.Map("/connection/browse", (HttpContext http, InventoryService inventory, ConnectionScope scope, CancellationToken ct) =>
            RefuseAsync(http, inventory, scope, "a file browser", t => t.IsShell, "Not a file system connection", ct)).WithName("connectionBrowse");
        app.Map("/connection/terminal", (HttpContext http, InventoryService inventory, ConnectionScope scope, CancellationToken ct) =>
            RefuseAsync(http, inventory, scope, "a terminal", t => t.IsShell, "Not a shell connection", ct)).WithName("connectionTerminal");
        app.Map("/connection/toggle", ToggleAsync).WithName("connectionToggle");
    }

    private static async Task<IResult> RefuseAsync(
        HttpContext http, InventoryService inventory, ConnectionScope scope, string what, Func<ConnectionType, bool> applies, string notApplicable, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var id = request.RequireId(EntryNaming.Connection.IdFields);
        await scope.RequireAllowedAsync(http, id, ct);
        var entry = inventory.GetEntry(id).Entry;
        if (!applies(ConnectionTypes.Get(entry.Type)))
        {
            throw new ClientErrorException(notApplicable);
        }

        throw new ClientErrorException($"Rampart runs headless and cannot open {what}; use /shell/exec and /fs/* instead");
    }

    private static async Task<IResult> ToggleAsync(HttpContext http, InventoryService inventory, ConnectionScope scope, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var id = request.RequireId(EntryNaming.Connection.IdFields);
        await scope.RequireAllowedAsync(http, id, ct);
        var entry = inventory.GetEntry(id).Entry;
        _ = request.RequireBool("state");
        if (ConnectionTypes.Get(entry.Type) is not CustomServiceType)
        {
            throw new ClientErrorException("Not a toggleable connection");
        }

        throw new ClientErrorException("Starting and stopping service tunnels is not supported by this Rampart version yet");
    }
}
