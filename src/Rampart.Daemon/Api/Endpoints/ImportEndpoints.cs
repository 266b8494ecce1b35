using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Import;
using Rampart.Core.Inventory;
using Rampart.Core.Vault;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/connection/import</c> (a Rampart extension): many servers in one call and one transaction, from an ssh config,
/// CSV, an Ansible inventory or JSON given as text. Files named by an ssh config's <c>Include</c> come with the
/// request (<c>includes</c>); the daemon never reads files on a client's behalf.
/// </summary>
public static class ImportEndpoints
{
    public static void MapImports(this IEndpointRouteBuilder app) =>
        app.Map("/connection/import", ImportAsync).WithName("connectionImport");

    private static async Task<IResult> ImportAsync(HttpContext http, InventoryService inventory, ApiSecretCodec secrets, ShellSessions shells, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var format = request.RequireString("format");
        var text = request.RequireString("text");
        var source = request.OptionalString("source") ?? "input";
        var parsed = ImportFormats.Parse(format, text, source, Includes(request.Optional("includes")));
        var report = await inventory.ImportAsync(
            new ImportRequest(parsed, request.OptionalString("category"), request.OptionalBool("dryRun") ?? false, request.OptionalBool("skipErrors") ?? false),
            secrets, ct);
        if (report.Applied && report.UpdatedIds.Count > 0)
        {
            // A moved or changed host reconnects with its new data at its next use.
            var updated = report.UpdatedIds.ToHashSet();
            await shells.StopWhereAsync(updated.Contains);
        }

        return ApiResults.Json(new JsonObject
        {
            ["applied"] = report.Applied,
            ["added"] = ApiResults.Strings(report.Added),
            ["updated"] = ApiResults.Strings(report.Updated),
            ["unchanged"] = ApiResults.Strings(report.Unchanged),
            ["categoriesAdded"] = ApiResults.Strings(report.CategoriesAdded),
            ["problems"] = new JsonArray([.. report.Problems.Select(p => (JsonNode)new JsonObject { ["source"] = p.Source, ["message"] = p.Message })]),
            ["notices"] = ApiResults.Strings(report.Notices),
        });
    }

    /// <summary><c>{"pattern": [{"path", "text"}, …]}</c>: the files each Include argument named.</summary>
    private static Dictionary<string, IReadOnlyList<IncludedFile>> Includes(JsonNode? node)
    {
        var includes = new Dictionary<string, IReadOnlyList<IncludedFile>>(StringComparer.Ordinal);
        if (node is null)
        {
            return includes;
        }

        if (node is not JsonObject map)
        {
            throw new ClientErrorException("Field includes must be an object: {\"pattern\": [{\"path\", \"text\"}]}");
        }

        foreach (var (pattern, files) in map)
        {
            includes[pattern] = files is JsonArray array
                ? [.. array.Select(f => f is JsonObject file && file["path"] is JsonValue path && path.GetValueKind() == JsonValueKind.String
                                        && file["text"] is JsonValue content && content.GetValueKind() == JsonValueKind.String
                    ? new IncludedFile(path.GetValue<string>(), content.GetValue<string>())
                    : throw new ClientErrorException($"Field includes.{pattern} must list {{\"path\", \"text\"}} objects"))]
                : throw new ClientErrorException($"Field includes.{pattern} must be an array");
        }

        return includes;
    }
}
