using System.Text.Json.Nodes;
using Rampart.Core.Inventory;

using Rampart.Daemon.Shells;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/connection/query|info|add|remove|refresh</c>, and the same under XPipe 24.0's <c>/store/*</c> names. Both accept
/// either naming on input; each answers in its own.
/// </summary>
public static class ConnectionEndpoints
{
    public static void MapConnections(this IEndpointRouteBuilder app)
    {
        foreach (var naming in new[] { EntryNaming.Connection, EntryNaming.Store })
        {
            var prefix = "/" + naming.Id;
            app.Map(prefix + "/query", (HttpContext http, InventoryService inventory, ConnectionScope scope, CancellationToken ct) => QueryAsync(http, inventory, scope, naming, ct))
                .WithName(naming.Id + "Query");
            app.Map(prefix + "/info", (HttpContext http, InventoryService inventory, ConnectionScope scope, CancellationToken ct) => InfoAsync(http, inventory, scope, naming, ct))
                .WithName(naming.Id + "Info");
            app.Map(prefix + "/add", (HttpContext http, InventoryService inventory, ConnectionValidator validator, ConnectionShells connections, ShellSessions shells, CancellationToken ct) => AddAsync(http, inventory, validator, connections, shells, naming, ct))
                .WithName(naming.Id + "Add");
            app.Map(prefix + "/remove", (HttpContext http, InventoryService inventory, ShellSessions shells, CancellationToken ct) => RemoveAsync(http, inventory, shells, naming, ct))
                .WithName(naming.Id + "Remove");
            app.Map(prefix + "/refresh", (HttpContext http, ConnectionValidator validator, ConnectionScope scope, CancellationToken ct) => RefreshAsync(http, validator, scope, naming, ct))
                .WithName(naming.Id + "Refresh");
        }
    }

    private static async Task<IResult> QueryAsync(HttpContext http, InventoryService inventory, ConnectionScope scope, EntryNaming naming, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var found = inventory.QueryEntries(
            request.RequireString("categoryFilter"),
            request.RequireString(naming.FilterFields),
            request.RequireString("typeFilter"));
        return EntryJson.Found(await scope.FilterAsync(http.Principal(), found, ct));
    }

    private static async Task<IResult> InfoAsync(HttpContext http, InventoryService inventory, ConnectionScope scope, EntryNaming naming, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var ids = request.RequireIdList(naming.ListFields);
        foreach (var id in ids)
        {
            await scope.RequireAllowedAsync(http, id, ct);
        }

        var infos = inventory.GetEntries(ids);
        return EntryJson.Infos(infos.Select(i => EntryJson.Info(i, naming.Id)));
    }

    private static async Task<IResult> AddAsync(
        HttpContext http, InventoryService inventory, ConnectionValidator validator, ConnectionShells connections, ShellSessions shells, EntryNaming naming, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var name = request.RequireString("name");
        var data = request.RequireObject("data");
        var validate = request.RequireBool("validate");
        var category = request.OptionalId("category");
        if (validate)
        {
            // Checked first, connected second, added last: a connection that does not work is not added (500).
            var preview = inventory.Preview(name, data);
            http.RequireGatewayAccess(preview, connections);
            await validator.ValidateAsync(preview, ct);
        }

        var result = await inventory.AddEntryAsync(name, data, category, ct);
        if (result.Outcome == AddEntryOutcome.Updated)
        {
            await shells.StopWhereAsync(id => id == result.Id);
        }

        return ApiResults.Json(new JsonObject { [naming.Id] = result.Id.ToString("D") });
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, InventoryService inventory, ShellSessions shells, EntryNaming naming, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        await inventory.RemoveEntriesAsync(request.RequireIdList(naming.ListFields), ct);
        await shells.StopWhereAsync(id => inventory.FindEntry(id) is null);
        return ApiResults.Empty();
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, ConnectionValidator validator, ConnectionScope scope, EntryNaming naming, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var entry = await scope.RequireUseAsync(http, request.RequireId(naming.IdFields), ct);
        await validator.ValidateAsync(entry, ct);
        return ApiResults.Empty();
    }
}
