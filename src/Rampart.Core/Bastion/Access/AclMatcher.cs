using System.Net;

namespace Rampart.Core.Bastion.Access;

/// <summary>
/// Whether an ACL entry grants a requested way, with the semantics of the reference's <c>is_access_way_granted</c>
/// (default mode, no proxy jump): a null user or port on the entry is a wildcard; a null user or port in the request
/// asks for a wildcard grant and so only matches entries that are wildcard on that field.
/// </summary>
public static class AclMatcher
{
    public static bool Grants(AclEntry entry, AclRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(request);

        if (entry.IsExpired(now))
        {
            return false;
        }

        if (!request.IgnorePort && entry.Port is { } port && request.Port != port)
        {
            return false;
        }

        var entryUser = Wildcard(entry.User);
        if (request.ExactUser && !request.IgnoreUser)
        {
            // Both "any", or the same name: a wildcard or glob entry never grants a protocol such as "!scpupload".
            if (!string.Equals(entryUser, Wildcard(request.User), StringComparison.Ordinal))
            {
                return false;
            }
        }
        else if (entryUser is not null && !request.IgnoreUser)
        {
            var wantedUser = Wildcard(request.User);
            if (wantedUser is null)
            {
                return false;
            }

            var userMatches = UserGlob.HasWildcards(entryUser)
                ? UserGlob.Matches(entryUser, wantedUser)
                : string.Equals(entryUser, wantedUser, StringComparison.Ordinal);
            if (!userMatches)
            {
                return false;
            }
        }

        return Covers(entry.Network, request.Target);
    }

    /// <summary>
    /// The granting entry with the smallest block (the reference keeps the smallest matching subnet), the first one
    /// among equals; null when nothing grants the request.
    /// </summary>
    public static AclEntry? BestMatch(IEnumerable<AclEntry> entries, AclRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);

        AclEntry? best = null;
        foreach (var entry in entries)
        {
            if (Grants(entry, request, now) && (best is null || entry.Network.PrefixLength > best.Network.PrefixLength))
            {
                best = entry;
            }
        }

        return best;
    }

    /// <summary>True when every address of <paramref name="target"/> lies inside <paramref name="network"/>.</summary>
    public static bool Covers(IPNetwork network, IPNetwork target) =>
        network.BaseAddress.AddressFamily == target.BaseAddress.AddressFamily
        && network.PrefixLength <= target.PrefixLength
        && network.Contains(target.BaseAddress);

    // The reference normalises a literal "*" to "any" on both sides before comparing.
    private static string? Wildcard(string? user) => user is "*" ? null : user;
}
