namespace Rampart.Core.Access;

/// <summary>A named API key. Only its SHA-256 hash is kept; the key itself is shown once, at creation.</summary>
/// <param name="Prefix">The first characters of the key, so a user can tell keys apart without the secret.</param>
/// <param name="MayRunOnGateway">
/// Whether its holder may run commands or touch files on the gateway itself (the local machine, nested shells on it,
/// sshConfigHost entries whose config file may run local commands). Off by default: the gateway holds the vault key.
/// </param>
/// <param name="BastionAccount">
/// The bastion account the key belongs to, or null: such a key reaches only the connections that account's accesses
/// allow, while the account may log in, and never runs on the gateway.
/// </param>
public sealed record ApiKey(
    Guid Id,
    string Name,
    string Prefix,
    byte[] Hash,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed,
    DateTimeOffset? Revoked,
    bool MayRunOnGateway = false,
    string? BastionAccount = null)
{
    public bool IsActive => Revoked is null;
}
