namespace Rampart.Core.Access;

/// <summary>Durable storage of API keys.</summary>
public interface IApiKeyStore
{
    Task<IReadOnlyList<ApiKey>> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(ApiKey key, CancellationToken cancellationToken);
}
