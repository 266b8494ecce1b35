using System.Net;
using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Access;

/// <summary>
/// The Bastion's rule for scp, sftp and rsync through the bastion: the account needs ssh access to
/// <c>user@host:port</c>, a grant of the protocol itself on that host and port (an entry whose user is exactly
/// <c>!scpupload</c>, <c>!scpdownload</c>, <c>!sftp</c> or <c>!rsync</c>; no wildcard grants it), and both through
/// the same egress key: only the keys found by both checks are used, so a personal protocol grant cannot borrow a
/// group's key.
/// </summary>
public static class ProtocolAccess
{
    public const string ScpUpload = "scpupload";
    public const string ScpDownload = "scpdownload";
    public const string Sftp = "sftp";
    public const string Rsync = "rsync";

    /// <param name="machine">How the target is named in the messages (<c>user@ip:port</c>).</param>
    public static ProtocolAccessDecision Decide(
        BastionSnapshot snapshot, BastionAccount account, IPNetwork target, string user, int port, string protocol, string machine, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(account);
        if (account.OshOnly)
        {
            return ProtocolAccessDecision.Denied("You don't have the right to connect anywhere");
        }

        var sshGrants = AccessResolution.Grants(snapshot, account, new AclRequest(target, user, port), now);
        if (sshGrants.Count == 0)
        {
            return ProtocolAccessDecision.Denied($"Sorry, but you don't have access to {machine}");
        }

        var protocolRequest = new AclRequest(target, "!" + protocol, port) { ExactUser = true };
        var protocolGrants = AccessResolution.Grants(snapshot, account, protocolRequest, now);
        if (protocolGrants.Count == 0)
        {
            return ProtocolAccessDecision.Denied($"Sorry, you have ssh access to {machine}, but you need to be granted specifically for {protocol}");
        }

        var protocolKeys = protocolGrants.SelectMany(g => AccessResolution.KeysFor(snapshot, account, g))
            .Select(k => k.PublicKey.Fingerprint)
            .ToHashSet(StringComparer.Ordinal);
        var keys = sshGrants.SelectMany(g => AccessResolution.KeysFor(snapshot, account, g))
            .Where(k => protocolKeys.Contains(k.PublicKey.Fingerprint))
            .DistinctBy(k => k.PublicKey.Fingerprint)
            .ToList();
        return keys.Count == 0
            ? ProtocolAccessDecision.Denied(
                $"Sorry, you have access through ssh and {protocol} but by different and distinct means (distinct keys)."
                + $" The intersection between your rights for ssh and for {protocol} needs to be at least one.")
            : new ProtocolAccessDecision(keys, [.. sshGrants, .. protocolGrants], null);
    }
}
