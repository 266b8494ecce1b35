using Rampart.Core.Bastion.Keys;

namespace Rampart.Core.Bastion.Model;

/// <summary>
/// A key pair the bastion uses to reach servers for an account or a group. The private half is sealed with the vault
/// key under <see cref="Id"/>: only the daemon can open it, and it never reaches the account's processes.
/// </summary>
public sealed record EgressKey(string Id, SshPublicKey PublicKey, byte[] SealedPrivateKey, DateTimeOffset Created)
{
    /// <summary>The vault owner id the private key is sealed under.</summary>
    public string VaultOwner => "bastion-egress-key:" + Id;
}
