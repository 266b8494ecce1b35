using System.Text.Json.Nodes;
using Rampart.Core.Import;
using Rampart.Core.Inventory;
using Rampart.Core.Vault;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/connection/export</c> (a Rampart extension): the ssh connections a query matches, as an ssh config, CSV, an
/// Ansible YAML inventory or JSON, so other tools can use Rampart's inventory. Secrets stay in the vault.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExports(this IEndpointRouteBuilder app) =>
        app.Map("/connection/export", ExportAsync).WithName("connectionExport");

    private static async Task<IResult> ExportAsync(HttpContext http, InventoryService inventory, ApiSecretCodec secrets, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var format = request.RequireString("format");
        var ids = inventory.QueryEntries(
            request.OptionalString("categoryFilter") ?? "**", request.OptionalString("connectionFilter") ?? "**", request.OptionalString("typeFilter") ?? "ssh");
        var notices = new List<string>();
        var hosts = inventory.ExportHosts(ids, secrets, notices);
        var text = ExportFormats.Write(format, hosts, notices);
        return ApiResults.Json(new JsonObject
        {
            ["format"] = format,
            ["exported"] = hosts.Count,
            ["text"] = text,
            ["notices"] = ApiResults.Strings(notices),
        });
    }
}
