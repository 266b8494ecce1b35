using System.Text.Json.Nodes;
using Rampart.Core.Inventory;
using Rampart.Daemon.Shells;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/shell/start|exec|stop</c>: one persistent shell per connection, shared by all clients: the local machine, ssh
/// connections (keys, passwords, jump hosts), sshConfigHost aliases and nested shells inside those.
/// </summary>
public static class ShellEndpoints
{
    public static void MapShells(this IEndpointRouteBuilder app)
    {
        app.Map("/shell/start", StartAsync).WithName("shellStart");
        app.Map("/shell/exec", ExecAsync).WithName("shellExec");
        app.Map("/shell/stop", StopAsync).WithName("shellStop");
    }

    private static async Task<IResult> StartAsync(
        HttpContext http, InventoryService inventory, ShellSessions shells, ConnectionShells connections, ConnectionScope scope, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var entry = await scope.RequireUseAsync(http, request.RequireId(EntryNaming.Connection.IdFields), ct);
        var session = await shells.StartAsync(entry.Id, token => connections.LaunchAsync(entry, token), ct);
        var info = session.Info;
        await inventory.UpdateStateAsync(entry.Id, new JsonObject
        {
            ["osType"] = info.OsType,
            ["osName"] = info.OsName,
            ["shellDialect"] = info.ShellDialect,
            ["ttyState"] = info.TtyState,
            ["running"] = true,
        }, ct);
        return ApiResults.Json(new JsonObject
        {
            ["shellDialect"] = info.ShellDialect,
            ["osType"] = info.OsType,
            ["osName"] = info.OsName,
            ["ttyState"] = info.TtyState,
            ["temp"] = info.Temp,
        });
    }

    private static async Task<IResult> ExecAsync(
        HttpContext http, InventoryService inventory, ShellSessions shells, ConnectionShells connections, ConnectionScope scope, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var connection = request.RequireId(EntryNaming.Connection.IdFields);
        var command = request.RequireString("command");
        var timeout = request.OptionalSeconds("timeout");
        await scope.RequireAllowedAsync(http, connection, ct);
        var session = shells.Get(connection);
        http.RequireGatewayAccess(inventory.GetEntry(connection).Entry, connections);
        var result = await session.ExecAsync(command, timeout, ct);
        return ApiResults.Json(new JsonObject
        {
            ["exitCode"] = result.ExitCode,
            ["stdout"] = result.Stdout,
            ["stderr"] = result.Stderr,
        });
    }

    private static async Task<IResult> StopAsync(
        HttpContext http, InventoryService inventory, ShellSessions shells, ConnectionShells connections, ConnectionScope scope, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var connection = request.RequireId(EntryNaming.Connection.IdFields);
        await scope.RequireAllowedAsync(http, connection, ct);
        if (inventory.FindEntry(connection) is { } entry)
        {
            http.RequireGatewayAccess(entry, connections);
        }

        await shells.StopAsync(connection);
        return ApiResults.Empty();
    }
}
