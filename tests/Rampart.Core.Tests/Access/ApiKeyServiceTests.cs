using Rampart.Core.Access;
using Rampart.Core.Errors;

namespace Rampart.Core.Tests.Access;

public sealed class ApiKeyServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class MemoryStore : IApiKeyStore
    {
        public Dictionary<Guid, ApiKey> Keys { get; } = [];

        public Task<IReadOnlyList<ApiKey>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ApiKey>>([.. Keys.Values]);

        public Task SaveAsync(ApiKey key, CancellationToken cancellationToken)
        {
            Keys[key.Id] = key;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_key_of_a_bastion_account_keeps_its_account_and_never_runs_on_the_gateway()
    {
        var store = new MemoryStore();
        using var keys = new ApiKeyService(store, TimeProvider.System);
        await keys.InitializeAsync(Ct);

        var created = await keys.CreateAsync("ci", mayRunOnGateway: false, "alice", Ct);
        Assert.Equal("alice", store.Keys[created.Key.Id].BastionAccount);
        Assert.Equal("alice", keys.Verify(created.Secret)!.BastionAccount);

        var both = await Assert.ThrowsAsync<ClientErrorException>(() => keys.CreateAsync("gw", mayRunOnGateway: true, "alice", Ct));
        Assert.Contains("cannot run on the gateway", both.Message, StringComparison.Ordinal);
        Assert.Single(store.Keys);
    }
}
