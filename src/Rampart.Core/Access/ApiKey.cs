namespace Rampart.Core.Access;

/// <summary>A named API key. Only its SHA-256 hash is kept; the key itself is shown once, at creation.</summary>
/// <param name="Prefix">The first characters of the key, so a user can tell keys apart without the secret.</param>
public sealed record ApiKey(
    Guid Id,
    string Name,
    string Prefix,
    byte[] Hash,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed,
    DateTimeOffset? Revoked)
{
    public bool IsActive => Revoked is null;
}
