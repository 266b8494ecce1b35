using System.Text.Json.Nodes;
using Rampart.Core.Inventory;

using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary><c>/category/add|query|info|remove</c>.</summary>
public static class CategoryEndpoints
{
    public static void MapCategories(this IEndpointRouteBuilder app)
    {
        app.Map("/category/add", AddAsync).WithName("categoryAdd");
        app.Map("/category/query", QueryAsync).WithName("categoryQuery");
        app.Map("/category/info", InfoAsync).WithName("categoryInfo");
        app.Map("/category/remove", RemoveAsync).WithName("categoryRemove");
    }

    private static async Task<IResult> AddAsync(HttpContext http, InventoryService inventory, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var id = await inventory.AddCategoryAsync(request.RequireString("name"), request.RequireId("parent"), ct);
        return ApiResults.Json(new JsonObject { ["category"] = id.ToString("D") });
    }

    private static async Task<IResult> QueryAsync(HttpContext http, InventoryService inventory, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        return EntryJson.Found(inventory.QueryCategories(request.RequireString("filter")));
    }

    private static async Task<IResult> InfoAsync(HttpContext http, InventoryService inventory, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var infos = inventory.GetCategories(request.RequireIdList("categories"));
        return EntryJson.Infos(infos.Select(EntryJson.Category));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, InventoryService inventory, ShellSessions shells, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        await inventory.RemoveCategoriesAsync(
            request.RequireIdList("categories"),
            request.OptionalBool("removeChildrenCategories") ?? false,
            request.OptionalBool("removeContents") ?? false,
            ct);
        await shells.StopWhereAsync(id => inventory.FindEntry(id) is null);
        return ApiResults.Empty();
    }
}
