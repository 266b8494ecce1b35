using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;

namespace Rampart.Core.Tests.Inventory;

public sealed class InventoryServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(InventoryService Service, InMemoryInventoryStore Store)> StartAsync(InMemoryInventoryStore? store = null)
    {
        store ??= new InMemoryInventoryStore();
        var service = new InventoryService(store, TimeProvider.System, new GlobCache());
        await service.InitializeAsync(Ct);
        return (service, store);
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public async Task Initialize_AddsBuiltInsOnce()
    {
        var (service, store) = await StartAsync();
        Assert.Equal(7, store.Categories.Count);
        Assert.Single(store.Entries);
        var (_, again) = await StartAsync(store);
        Assert.Equal(1, again.Commits);
        Assert.Equal(1, service.EntryCount);
    }

    [Fact]
    public async Task Add_Service_CreatesOneServicesGroupPerHost()
    {
        var (service, _) = await StartAsync();
        var local = WellKnownIds.LocalMachine.ToString();
        var first = await service.AddEntryAsync("a", Json($$"""{"type":"customService","host":"{{local}}","remotePort":1}"""), null, Ct);
        var second = await service.AddEntryAsync("b", Json($$"""{"type":"customService","host":{"storeId":"{{local}}"},"remotePort":2}"""), null, Ct);
        Assert.Equal(["local machine", "services", "a"], service.GetEntry(first.Id).NamePath);
        Assert.Equal(["local machine", "services", "b"], service.GetEntry(second.Id).NamePath);
        Assert.Single(service.QueryEntries("**", "**", "customServiceGroup"));
    }

    [Fact]
    public async Task Add_ReportsWhatHappened()
    {
        var (service, store) = await StartAsync();
        var added = await service.AddEntryAsync("web", Json("""{"type":"ssh","host":"a"}"""), null, Ct);
        var same = await service.AddEntryAsync("other", Json("""{"host":"a","type":"ssh"}"""), null, Ct);
        var updated = await service.AddEntryAsync("WEB", Json("""{"type":"ssh","host":"b"}"""), null, Ct);
        Assert.Equal(AddEntryOutcome.Added, added.Outcome);
        Assert.Equal((added.Id, AddEntryOutcome.AlreadyPresent), (same.Id, same.Outcome));
        Assert.Equal((added.Id, AddEntryOutcome.Updated), (updated.Id, updated.Outcome));
        Assert.Contains("\"b\"", store.Entries[added.Id].RawData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedValidation_ChangesNothing()
    {
        var (service, store) = await StartAsync();
        var commits = store.Commits;
        await Assert.ThrowsAsync<ClientErrorException>(() => service.AddEntryAsync("x", Json("""{"type":"ssh","port":1}"""), null, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => service.RemoveEntriesAsync([Guid.NewGuid()], Ct));
        Assert.Equal(commits, store.Commits);
    }

    [Fact]
    public async Task Reload_RebuildsHierarchyAndPaths()
    {
        var (service, store) = await StartAsync();
        var host = await service.AddEntryAsync("Host/A", Json("""{"type":"ssh","host":"h"}"""), null, Ct);
        var nested = await service.AddEntryAsync("Root", Json($$"""{"type":"shellEnvironment","host":"{{host.Id}}"}"""), null, Ct);
        var (reloaded, _) = await StartAsync(store);
        Assert.Equal(["host_a", "root"], reloaded.GetEntry(nested.Id).NamePath);
        Assert.Equal([nested.Id], reloaded.QueryEntries("**", "host_a/root", "*"));
        Assert.Equal([nested.Id], reloaded.QueryEntries("**", "host_a/*", "*"));
    }

    [Fact]
    public async Task Query_ReturnsInsertionOrder_ForScansAndLookups()
    {
        var (service, _) = await StartAsync();
        var ids = new List<Guid>();
        foreach (var name in new[] { "zeta", "alpha", "mid" })
        {
            ids.Add((await service.AddEntryAsync(name, Json($$"""{"type":"ssh","host":"{{name}}"}"""), null, Ct)).Id);
        }

        Assert.Equal(ids, service.QueryEntries("**", "*", "ssh"));
        Assert.Equal([ids[1]], service.QueryEntries("**", "alpha", "*"));
    }
}
