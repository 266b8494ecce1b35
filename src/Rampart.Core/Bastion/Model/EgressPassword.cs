namespace Rampart.Core.Bastion.Model;

/// <summary>
/// A password the bastion types for an account or a group, for servers and network devices that take no keys
/// (The Bastion's egress passwords). The password is sealed with the vault key under <see cref="Id"/>: only the daemon
/// opens it, to type it into a connection, and nobody is ever shown it. Its crypt hashes are kept beside it so that an
/// administrator can set it on a device.
/// </summary>
public sealed record EgressPassword(string Id, byte[] SealedPassword, EgressPasswordHashes Hashes, string CreatedBy, DateTimeOffset Created)
{
    /// <summary>The current password and its fallbacks: The Bastion keeps the current one and 99 before it.</summary>
    public const int MostKept = 100;

    /// <summary>The vault owner id the password is sealed under.</summary>
    public string VaultOwner => "bastion-egress-password:" + Id;
}
