using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Rampart.Core.Access;

/// <summary>
/// Session tokens handed out by the handshake. As in XPipe they live as long as the daemon; a session opened with
/// an API key ends when that key is revoked.
/// </summary>
public sealed class ApiSessions(ApiKeyService apiKeys)
{
    private readonly ConcurrentDictionary<string, Principal> _sessions = new(StringComparer.Ordinal);

    public string Open(Principal principal)
    {
        // UUID-shaped like XPipe's tokens, but all 128 bits from the cryptographic generator.
        var token = new Guid(RandomNumberGenerator.GetBytes(16)).ToString("D");
        _sessions[token] = principal;
        return token;
    }

    public Principal? Find(string token)
    {
        if (!_sessions.TryGetValue(token, out var principal))
        {
            return null;
        }

        if (principal.ApiKeyId is { } keyId && !apiKeys.IsActive(keyId))
        {
            _sessions.TryRemove(token, out _);
            return null;
        }

        return principal;
    }
}
