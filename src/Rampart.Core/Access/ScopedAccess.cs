using System.Net;
using System.Net.Sockets;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Access;

/// <summary>
/// What an API key that belongs to a bastion account may do, decided on the bastion's current snapshot each time: the
/// account must be able to log in (as at the front door), and every login of a connection's route must be one that
/// account's accesses grant, for every address its host has.
/// </summary>
public static class ScopedAccess
{
    /// <summary>Why the key may do nothing at all now, or null: its account is gone, frozen, expired or locked out.</summary>
    public static string? Refusal(BastionSnapshot snapshot, BastionBinding binding, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(binding);
        var account = snapshot.Account(binding.Account);
        if (account is null || account.Created > binding.Since)
        {
            // An account made after the key is a new one that happens to reuse the name.
            return $"bastion account {binding.Account} no longer exists";
        }

        if (account.Frozen is { } frozen)
        {
            return $"bastion account {account.Name} is frozen{(frozen.Reason is { Length: > 0 } reason ? $" ({reason})" : "")}";
        }

        if (account.IsTtlExpired(now))
        {
            return $"bastion account {account.Name} has reached its time to live";
        }

        if (snapshot.Maintenance is { } maintenance && !account.IsAdmin)
        {
            return $"the bastion is in maintenance mode{(maintenance.Message is { Length: > 0 } message ? $" ({message})" : "")}";
        }

        return null;
    }

    /// <summary>
    /// Whether the account may make this login to each of <paramref name="addresses"/> (all of a host's addresses:
    /// ssh may use any of them). None at all grants nothing; an osh-only account reaches nothing, as at the front door.
    /// </summary>
    public static bool Grants(BastionSnapshot snapshot, string account, SshHop hop, IReadOnlyList<IPAddress> addresses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(hop);
        ArgumentNullException.ThrowIfNull(addresses);
        if (snapshot.Account(account) is not { OshOnly: false } holder || addresses.Count == 0)
        {
            return false;
        }

        return addresses.All(address =>
        {
            var ip = HostText.Unmapped(address);
            var target = new IPNetwork(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return AccessResolution.Grants(snapshot, holder, new AclRequest(target, hop.User, hop.Port), now).Count > 0;
        });
    }
}
