using System.Text.Json.Nodes;
using Rampart.Daemon.Files;
using Rampart.Shell.Local;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/fs/blob|read|write|script</c>. As in XPipe, all but <c>/fs/blob</c> need a started shell on the connection.
/// Data is streamed both ways and byte-exact: locally by direct file access, over ssh on a channel of the ControlMaster.
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

    private static async Task<IResult> ReadAsync(HttpContext http, FileTargets targets, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var (session, remote) = await targets.ResolveAsync(http, request, ct);
        var path = request.RequireString("path");
        if (remote is null)
        {
            return Results.Stream(LocalFiles.OpenRead(path), "application/octet-stream");
        }

        await remote.CheckReadableAsync(path, ct);
        return Results.Stream(body => remote.ReadAsync(path, body, ct), "application/octet-stream");
    }

    private static async Task<IResult> WriteAsync(HttpContext http, FileTargets targets, BlobStore blobs, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var (_, remote) = await targets.ResolveAsync(http, request, ct);
        var blob = blobs.PathOf(request.RequireId("blob"));
        var path = request.RequireString("path");
        await (remote is null ? LocalFiles.WriteAsync(path, blob, ct) : remote.WriteAsync(path, blob, ct));
        return ApiResults.Empty();
    }

    private static async Task<IResult> ScriptAsync(HttpContext http, FileTargets targets, BlobStore blobs, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var (session, remote) = await targets.ResolveAsync(http, request, ct);
        var blob = blobs.PathOf(request.RequireId("blob"));
        var path = remote is null ? await LocalFiles.WriteScriptAsync(session.Info.Temp, blob, ct) : await remote.WriteScriptAsync(blob, ct);
        return ApiResults.Json(new JsonObject { ["path"] = path });
    }
}
