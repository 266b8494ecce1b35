using System.Collections.Immutable;
using Rampart.Core.Bastion.Access;

namespace Rampart.Core.Bastion.Model;

/// <summary>
/// A bastion account: an OS user of the same name and uid whose login shell is Rampart's entry program. Everything
/// the bastion knows about it lives here; the OS user carries no state but its uid.
/// </summary>
/// <param name="Grants">Restricted plugins this account may run (The Bastion's <c>osh-PLUGIN</c> groups), plus <c>auditor</c>.</param>
/// <param name="PersonalAccesses">The account's own ACL (<c>allowed.private</c>), reached with its personal egress keys.</param>
/// <param name="Expiry">When a TTL given at creation runs out; logins are refused after it.</param>
/// <param name="OshOnly">A robot that may run plugins but never open an egress connection.</param>
public sealed record BastionAccount(
    string Name,
    int Uid,
    DateTimeOffset Created,
    string CreatedBy,
    string? Comment,
    bool IsAdmin,
    bool IsSuperOwner,
    ImmutableSortedSet<string> Grants,
    ImmutableArray<IngressKey> IngressKeys,
    ImmutableArray<EgressKey> EgressKeys,
    ImmutableArray<AclEntry> PersonalAccesses,
    FreezeInfo? Frozen,
    DateTimeOffset? Expiry,
    bool AlwaysActive,
    bool OshOnly,
    DateTimeOffset? LastLogin)
{
    public const string AuditorGrant = "auditor";

    public bool IsAuditor => Grants.Contains(AuditorGrant);

    public bool IsTtlExpired(DateTimeOffset now) => Expiry is { } expiry && expiry <= now;

    public bool HasGrant(string plugin) => Grants.Contains(plugin);
}
