using System.Collections.Immutable;
using Rampart.Core.Bastion.Access;

namespace Rampart.Core.Bastion.Model;

/// <summary>
/// A bastion group: a list of servers (its ACL), the egress keys that reach them, and who holds which role.
/// Members reach every server of the ACL; guests only the entries granted to them, which must stay in the ACL.
/// </summary>
public sealed record BastionGroup(
    string Name,
    DateTimeOffset Created,
    string CreatedBy,
    ImmutableSortedSet<string> Owners,
    ImmutableSortedSet<string> Gatekeepers,
    ImmutableSortedSet<string> Aclkeepers,
    ImmutableSortedSet<string> Members,
    ImmutableSortedDictionary<string, ImmutableArray<AclEntry>> GuestAccesses,
    ImmutableArray<AclEntry> Servers,
    ImmutableArray<EgressKey> EgressKeys,
    GroupSettings Settings,
    IReadOnlyList<EgressPassword>? EgressPasswords = null)
{
    /// <summary>Its egress passwords, the current one first.</summary>
    public IReadOnlyList<EgressPassword> Passwords => EgressPasswords ?? [];

    public ImmutableSortedSet<string> Holders(GroupRole role) => role switch
    {
        GroupRole.Owner => Owners,
        GroupRole.Gatekeeper => Gatekeepers,
        GroupRole.Aclkeeper => Aclkeepers,
        GroupRole.Member => Members,
        GroupRole.Guest => [.. GuestAccesses.Keys],
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public bool Has(string account, GroupRole role) => role == GroupRole.Guest
        ? GuestAccesses.ContainsKey(account)
        : Holders(role).Contains(account);

    public BastionGroup With(GroupRole role, ImmutableSortedSet<string> holders) => role switch
    {
        GroupRole.Owner => this with { Owners = holders },
        GroupRole.Gatekeeper => this with { Gatekeepers = holders },
        GroupRole.Aclkeeper => this with { Aclkeepers = holders },
        GroupRole.Member => this with { Members = holders },
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>Every role <paramref name="account"/> holds here, in The Bastion's order.</summary>
    public IReadOnlyList<GroupRole> RolesOf(string account) =>
        [.. Enum.GetValues<GroupRole>().Where(role => Has(account, role))];
}
