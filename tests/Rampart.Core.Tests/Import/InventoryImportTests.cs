using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Import;
using Rampart.Core.Inventory;
using Rampart.Core.Tests.Inventory;
using Rampart.Core.Vault;

namespace Rampart.Core.Tests.Import;

public sealed class InventoryImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ApiSecretCodec _secrets = new(new VaultCipher(new byte[32]));

    private static async Task<(InventoryService Service, InMemoryInventoryStore Store)> StartAsync()
    {
        var store = new InMemoryInventoryStore();
        var service = new InventoryService(store, TimeProvider.System, new GlobCache());
        await service.InitializeAsync(Ct);
        return (service, store);
    }

    private const string Csv = """
        host,name,port,user,category,identity,password,gateway
        10.0.0.1,jump,22,ops,,~/.ssh/jump,,
        10.0.0.2,web1,2222,deploy,prod/web,~/.ssh/id,,jump
        10.0.0.3,db1,,root,prod/db,,pw-1,
        """;

    private Task<ImportReport> ImportAsync(InventoryService service, string csv = Csv, bool dryRun = false, bool skipErrors = false) =>
        service.ImportAsync(new ImportRequest(CsvImport.Parse(csv, "hosts.csv"), "fleet", dryRun, skipErrors), _secrets, Ct);

    [Fact]
    public async Task Import_AddsSshConnections_InOneCommit_WithSecretsSealed_AndIsIdempotent()
    {
        var (service, store) = await StartAsync();
        var commits = store.Commits;
        var report = await ImportAsync(service);
        Assert.Equal(["jump", "web1", "db1"], report.Added);
        Assert.Equal(["All connections/fleet", "All connections/fleet/prod", "All connections/fleet/prod/web", "All connections/fleet/prod/db"], report.CategoriesAdded);
        Assert.Equal(commits + 1, store.Commits);

        var web = store.Entries.Values.Single(e => e.Name == "web1");
        var data = JsonNode.Parse(web.RawData)!;
        Assert.Equal(2222, data["port"]!.GetValue<int>());
        Assert.Equal(store.Entries.Values.Single(e => e.Name == "jump").Id.ToString(), data["gateway"]!.GetValue<string>());
        Assert.DoesNotContain("pw-1", string.Join('\n', store.Entries.Values.Select(e => e.RawData)), StringComparison.Ordinal);
        var identity = data["identity"]!["identityStore"]!;
        Assert.Equal("deploy", identity["username"]!.GetValue<string>());
        using (var sealedKey = JsonDocument.Parse(identity["sshIdentity"]!.ToJsonString()))
        {
            Assert.Equal("""{"type":"file","file":"~/.ssh/id"}""", _secrets.Decrypt(sealedKey.RootElement));
        }

        var again = await ImportAsync(service);
        Assert.Empty(again.Added);
        Assert.Empty(again.Updated);
        Assert.Equal(3, again.Unchanged.Count);
        Assert.Equal(commits + 1, store.Commits);

        var changed = await ImportAsync(service, Csv.Replace("2222", "2223", StringComparison.Ordinal));
        Assert.Equal(["web1"], changed.Updated);
    }

    [Fact]
    public async Task DryRun_ChangesNothing_AndBadLines_ImportNothingUnlessSkipped()
    {
        var (service, store) = await StartAsync();
        var entries = store.Entries.Count;
        var dry = await ImportAsync(service, dryRun: true);
        Assert.False(dry.Applied);
        Assert.Equal(3, dry.Added.Count);
        Assert.Equal(entries, store.Entries.Count);

        var bad = Csv + "\n10.0.0.4,web1,22,,,,,\n10.0.0.5,orphan,22,,,,,nowhere\n";
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(service, bad));
        Assert.Equal(2, failure.Problems.Count);
        Assert.Contains("appears twice", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", failure.Message, StringComparison.Ordinal);
        Assert.Equal(entries, store.Entries.Count);

        var skipped = await ImportAsync(service, bad, skipErrors: true);
        Assert.Equal(3, skipped.Added.Count);
        Assert.Equal(2, skipped.Problems.Count);
    }
}
