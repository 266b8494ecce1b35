using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Errors;

namespace Rampart.Core.Access;

/// <summary>
/// Creates, lists, revokes and checks API keys. Keys are 256 random bits, so a plain SHA-256 hash is a safe
/// verifier (no password stretching needed) and a check costs microseconds.
/// </summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider time) : IDisposable
{
    public const string KeyPrefix = "rampart_";
    private const int PrefixLength = 12;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<Guid, ApiKey> _keys = [];

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var keys = await store.LoadAsync(cancellationToken);
        _keys = keys.ToDictionary(k => k.Id);
    }

    public IReadOnlyList<ApiKey> List() => [.. Snapshot().OrderBy(k => k.Created)];

    /// <param name="bastionAccount">
    /// The bastion account the key belongs to, or null; the caller checks the account exists, this checks the rest.
    /// </param>
    public async Task<CreatedApiKey> CreateAsync(string name, bool mayRunOnGateway, string? bastionAccount, CancellationToken cancellationToken)
    {
        ValidateName(name);
        if (bastionAccount is not null && mayRunOnGateway)
        {
            // The account's accesses name remote hosts; the gateway is none of them, and holds the vault key.
            throw new ClientErrorException("An API key that belongs to a bastion account cannot run on the gateway: give either account or mayRunOnGateway, not both");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Snapshot().Any(k => k.IsActive && string.Equals(k.Name, name, StringComparison.Ordinal)))
            {
                throw new ClientErrorException($"An API key named \"{name}\" already exists; revoke it first or choose another name");
            }

            var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var key = new ApiKey(
                Guid.NewGuid(), name, secret[..PrefixLength], Hash(secret), time.GetUtcNow(), null, null, mayRunOnGateway, bastionAccount);
            await store.SaveAsync(key, CancellationToken.None);
            Replace(key);
            return new CreatedApiKey(key, secret);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Revokes the active key with this name or id; sessions opened with it stop working at once.</summary>
    public async Task<ApiKey> RevokeAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var key = Snapshot().FirstOrDefault(k => k.IsActive && (k.Name == nameOrId || k.Id.ToString() == nameOrId))
                ?? throw new NotFoundException($"Unknown API key: {nameOrId}");
            var revoked = key with { Revoked = time.GetUtcNow() };
            await store.SaveAsync(revoked, CancellationToken.None);
            Replace(revoked);
            return revoked;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Notes that a key was just used to open a session (shown by <c>apikey list</c>; one write per session).</summary>
    public async Task MarkUsedAsync(Guid id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys.TryGetValue(id, out var key))
            {
                var used = key with { LastUsed = time.GetUtcNow() };
                await store.SaveAsync(used, CancellationToken.None);
                Replace(used);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The active key matching this secret, compared in constant time, or null.</summary>
    public ApiKey? Verify(string secret)
    {
        var hash = Hash(secret.Trim());
        ApiKey? match = null;
        foreach (var key in Snapshot())
        {
            // Compare against every key so timing says nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(key.Hash, hash) && key.IsActive)
            {
                match = key;
            }
        }

        return match;
    }

    public bool IsActive(Guid id) => _keys.TryGetValue(id, out var key) && key.IsActive;

    public void Dispose() => _gate.Dispose();

    private Dictionary<Guid, ApiKey>.ValueCollection Snapshot() => Volatile.Read(ref _keys).Values;

    /// <summary>Copy-on-write, so readers never take a lock.</summary>
    private void Replace(ApiKey key)
    {
        var copy = new Dictionary<Guid, ApiKey>(_keys) { [key.Id] = key };
        Volatile.Write(ref _keys, copy);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ClientErrorException("An API key name is 1 to 64 characters: letters, digits, '-', '_' or '.'");
        }
    }
}
