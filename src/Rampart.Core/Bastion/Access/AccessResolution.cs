using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Access;

/// <summary>
/// Decides what an account may reach, as The Bastion's <c>is_access_granted</c> does: personal entries first, then
/// each group where the account is a member (the group's ACL) or a guest (its guest entry and the group's ACL must
/// both match). Expired entries never count.
/// </summary>
public static class AccessResolution
{
    public static IReadOnlyList<AccessGrant> Grants(BastionSnapshot snapshot, BastionAccount account, AclRequest request, DateTimeOffset now)
    {
        var grants = new List<AccessGrant>();
        if (AclMatcher.BestMatch(account.PersonalAccesses, request, now) is { } personal)
        {
            grants.Add(new AccessGrant(AccessGrant.Personal, null, personal));
        }

        foreach (var group in snapshot.Groups.Values)
        {
            if (AclMatcher.BestMatch(group.Servers, request, now) is not { } server)
            {
                continue;
            }

            if (group.Members.Contains(account.Name))
            {
                grants.Add(new AccessGrant(AccessGrant.GroupMember, group.Name, server));
            }
            else if (group.GuestAccesses.TryGetValue(account.Name, out var guest) && AclMatcher.BestMatch(guest, request, now) is { } guestEntry)
            {
                grants.Add(new AccessGrant(AccessGrant.GroupGuest, group.Name, guestEntry));
            }
        }

        return grants;
    }

    /// <summary>Everything the account may reach, block by block (personal, then groups by name).</summary>
    public static IReadOnlyList<AccessList> Lists(BastionSnapshot snapshot, BastionAccount account, DateTimeOffset now)
    {
        var lists = new List<AccessList>();
        var personal = account.PersonalAccesses.Where(e => !e.IsExpired(now)).ToList();
        if (personal.Count > 0)
        {
            lists.Add(new AccessList(AccessGrant.Personal, null, personal));
        }

        foreach (var group in snapshot.Groups.Values)
        {
            if (group.Members.Contains(account.Name))
            {
                var servers = group.Servers.Where(e => !e.IsExpired(now)).ToList();
                if (servers.Count > 0)
                {
                    lists.Add(new AccessList(AccessGrant.GroupMember, group.Name, servers));
                }
            }
            else if (group.GuestAccesses.TryGetValue(account.Name, out var guest))
            {
                var entries = guest.Where(e => !e.IsExpired(now)).ToList();
                if (entries.Count > 0)
                {
                    lists.Add(new AccessList(AccessGrant.GroupGuest, group.Name, entries));
                }
            }
        }

        return lists;
    }

    /// <summary>The egress keys a grant lets the bastion use: the account's own for personal grants, the group's otherwise.</summary>
    public static IReadOnlyList<EgressKey> KeysFor(BastionSnapshot snapshot, BastionAccount account, AccessGrant grant)
    {
        IEnumerable<EgressKey> keys = grant.Group is null ? account.EgressKeys : snapshot.Group(grant.Group)?.EgressKeys ?? [];
        if (grant.Entry.ForceKey is { } forced)
        {
            keys = keys.Where(k => k.PublicKey.Fingerprint == forced);
        }

        return [.. keys.OrderByDescending(k => k.Created)];
    }
}
