using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Daemon.Files;
using Rampart.Shell.Local;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/fs/blob|read|write|script</c>. As in XPipe, all but <c>/fs/blob</c> need a started shell on the connection.
/// Data is streamed both ways and byte-exact. This version serves the local machine.
/// </summary>
public static class FileEndpoints
{
    public static void MapFiles(this IEndpointRouteBuilder app)
    {
        app.Map("/fs/blob", BlobAsync).WithName("fsBlob");
        app.Map("/fs/read", ReadAsync).WithName("fsRead");
        app.Map("/fs/write", WriteAsync).WithName("fsWrite");
        app.Map("/fs/script", ScriptAsync).WithName("fsScript");
    }

    private static async Task<IResult> BlobAsync(HttpContext http, BlobStore blobs, CancellationToken ct)
    {
        var id = await blobs.SaveAsync(http.Request.Body, ct);
        return ApiResults.Json(new JsonObject { ["blob"] = id.ToString("D") });
    }

    private static async Task<IResult> ReadAsync(HttpContext http, InventoryService inventory, ShellSessions shells, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        RequireLocalShell(request, inventory, shells);
        var stream = LocalFiles.OpenRead(request.RequireString("path"));
        return Results.Stream(stream, "application/octet-stream");
    }

    private static async Task<IResult> WriteAsync(HttpContext http, InventoryService inventory, ShellSessions shells, BlobStore blobs, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        RequireLocalShell(request, inventory, shells);
        var blob = blobs.PathOf(request.RequireId("blob"));
        await LocalFiles.WriteAsync(request.RequireString("path"), blob, ct);
        return ApiResults.Empty();
    }

    private static async Task<IResult> ScriptAsync(HttpContext http, InventoryService inventory, ShellSessions shells, BlobStore blobs, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var session = RequireLocalShell(request, inventory, shells);
        var blob = blobs.PathOf(request.RequireId("blob"));
        var path = await LocalFiles.WriteScriptAsync(session.Info.Temp, blob, ct);
        return ApiResults.Json(new JsonObject { ["path"] = path });
    }

    private static ShellSession RequireLocalShell(ApiRequest request, InventoryService inventory, ShellSessions shells)
    {
        var id = request.RequireId(EntryNaming.Connection.IdFields);
        var session = shells.Get(id);
        var entry = inventory.GetEntry(id).Entry;
        if (ConnectionTypes.Get(entry.Type) is not LocalMachineType)
        {
            throw new ClientErrorException($"File operations on {entry.Type} connections are not supported by this Rampart version yet");
        }

        return session;
    }
}
