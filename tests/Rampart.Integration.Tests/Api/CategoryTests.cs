using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Api;

public sealed class CategoryTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string AllConnections = "bfb0b51a-e7a3-4ce4-8878-8d4cb5828d6c";
    private const string DefaultCategory = "97458c07-75c0-4f9d-a06e-92d8cdf67c40";
    private const string AllScripts = "19024cf9-d192-41a9-88a6-a22694cf716a";
    private const string LocalIdentities = "e784de4e-abea-4cb8-a839-fc557cd23097";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    private async Task<string> AddAsync(string name, string parent) =>
        (await Client.CallAsync("/category/add", new JsonObject { ["name"] = name, ["parent"] = parent }, Ct))!["category"]!.GetValue<string>();

    private async Task<List<string>> QueryAsync(string filter) =>
        [.. (await Client.CallAsync("/category/query", new JsonObject { ["filter"] = filter }, Ct))!["found"]!.AsArray().Select(n => n!.GetValue<string>())];

    private async Task<JsonObject> InfoAsync(string id) =>
        (await Client.CallAsync("/category/info", new JsonObject { ["categories"] = new JsonArray(id) }, Ct))!["infos"]![0]!.AsObject();

    [Fact]
    public async Task BuiltIns_HaveXpipesIdsAndPaths()
    {
        Assert.Equal([DefaultCategory], await QueryAsync("all connections/default"));
        Assert.Contains(AllConnections, await QueryAsync("*"));
        Assert.Contains(AllScripts, await QueryAsync("*"));
        Assert.Contains(LocalIdentities, await QueryAsync("all identities/*"));
        var info = await InfoAsync(DefaultCategory);
        Assert.Equal("""["all connections","default"]""", info["name"]!.ToJsonString());
        Assert.Equal(AllConnections, info["parentCategory"]!.GetValue<string>());
        var config = info["config"]!.AsObject();
        foreach (var key in new[] { "color", "dontAllowScripts", "confirmAllModifications", "sync", "freezeConfigurations", "defaultIdentityStore", "defaultGatewayStore" })
        {
            Assert.True(config.ContainsKey(key), key);
        }

        Assert.Null((await InfoAsync(AllConnections))["parentCategory"]);
    }

    [Fact]
    public async Task Add_IsIdempotentPerParentAndName()
    {
        var name = "Team-" + Guid.NewGuid().ToString("N")[..6];
        var first = await AddAsync(name, DefaultCategory);
        Assert.Equal(first, await AddAsync(name, DefaultCategory));
        Assert.NotEqual(first, await AddAsync(name, AllConnections));
        Assert.Equal([first], await QueryAsync($"all connections/default/{name.ToLowerInvariant()}"));
        Assert.Equal([first], await QueryAsync($"default/{name}"));
    }

    [Fact]
    public async Task Add_BadInput_Is400()
    {
        Assert.Contains("does not exist", await Client.FailAsync("/category/add", new JsonObject { ["name"] = "x", ["parent"] = Guid.NewGuid().ToString() }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("parent", await Client.FailAsync("/category/add", new JsonObject { ["name"] = "x" }, 400, Ct), StringComparison.Ordinal);
        await Client.FailAsync("/category/add", new JsonObject { ["name"] = " ", ["parent"] = DefaultCategory }, 400, Ct);
        Assert.Contains("Unknown category", await Client.FailAsync("/category/info", new JsonObject { ["categories"] = new JsonArray(Guid.NewGuid().ToString()) }, 400, Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AllConnections, "All connections")]
    [InlineData(DefaultCategory, "Default")]
    [InlineData(LocalIdentities, "Local")]
    public async Task Remove_BuiltIn_Is400(string id, string name)
    {
        Assert.Equal($"Cannot delete category: {name}", await Client.FailAsync("/category/remove", new JsonObject { ["categories"] = new JsonArray(id) }, 400, Ct));
    }

    [Fact]
    public async Task Remove_KeepingContents_MovesEntriesAndChildrenUp()
    {
        var parentName = "Moving-" + Guid.NewGuid().ToString("N")[..6];
        var parent = await AddAsync(parentName, DefaultCategory);
        var doomed = await AddAsync("Doomed", parent);
        var child = await AddAsync("Child", doomed);
        var entry = await Client.AddAsync("moved-" + Guid.NewGuid().ToString("N")[..6], new JsonObject { ["type"] = "ssh", ["host"] = "moved.example" }, Ct, doomed);

        await Client.CallAsync("/category/remove", new JsonObject { ["categories"] = new JsonArray(doomed), ["removeChildrenCategories"] = false, ["removeContents"] = false }, Ct);
        Assert.Contains("Unknown category", await Client.FailAsync("/category/info", new JsonObject { ["categories"] = new JsonArray(doomed) }, 400, Ct), StringComparison.Ordinal);
        Assert.Equal(parent, (await InfoAsync(child))["parentCategory"]!.GetValue<string>());
        var info = await Client.InfoAsync(entry, Ct);
        Assert.Equal($"""["default","{parentName.ToLowerInvariant()}"]""", info["category"]!.ToJsonString());
    }

    [Fact]
    public async Task Remove_WithContentsAndChildren_RemovesEverythingBelow()
    {
        var top = await AddAsync("Gone-" + Guid.NewGuid().ToString("N")[..6], DefaultCategory);
        var child = await AddAsync("Sub", top);
        var entry = await Client.AddAsync("gone-" + Guid.NewGuid().ToString("N")[..6], new JsonObject { ["type"] = "ssh", ["host"] = "gone.example" }, Ct, child);
        await Client.CallAsync("/category/remove", new JsonObject { ["categories"] = new JsonArray(top), ["removeChildrenCategories"] = true, ["removeContents"] = true }, Ct);
        await Client.FailAsync("/category/info", new JsonObject { ["categories"] = new JsonArray(child) }, 400, Ct);
        await Client.FailAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray(entry) }, 400, Ct);
    }

    [Fact]
    public async Task Remove_TopLevelCategoryKeepingContents_MovesEntriesToDefault()
    {
        var top = await AddAsync("TopLevel-" + Guid.NewGuid().ToString("N")[..6], AllConnections);
        var entry = await Client.AddAsync("top-" + Guid.NewGuid().ToString("N")[..6], new JsonObject { ["type"] = "ssh", ["host"] = "top.example" }, Ct, top);
        await Client.CallAsync("/category/remove", new JsonObject { ["categories"] = new JsonArray(top) }, Ct);
        Assert.Equal("""["default"]""", (await Client.InfoAsync(entry, Ct))["category"]!.ToJsonString());
    }
}
