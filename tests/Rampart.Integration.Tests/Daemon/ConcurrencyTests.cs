using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Daemon;

public sealed class ConcurrencyTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ParallelWritersAndReaders_LoseNothing()
    {
        var client = fixture.Client;
        var writers = Enumerable.Range(0, 60).Select(i => client.AddAsync($"parallel-{i:D2}", new JsonObject { ["type"] = "ssh", ["host"] = $"p{i}.example" }, Ct));
        var readers = Enumerable.Range(0, 30).Select(_ => client.QueryAsync("**", "parallel-*", "*", Ct));
        var added = await Task.WhenAll(writers);
        await Task.WhenAll(readers);
        Assert.Equal(60, added.Distinct().Count());
        Assert.Equal(added.Order(StringComparer.Ordinal), (await client.QueryAsync("**", "parallel-*", "ssh", Ct)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ManySessions_AreIndependent()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Daemon.HandshakeAsync(Ct)));
        Assert.Equal(20, tokens.Distinct().Count());
        foreach (var token in tokens)
        {
            Assert.Equal(200, (await fixture.Daemon.PostAsync("/daemon/version", null, token, Ct)).Status);
        }
    }
}
