using System.Net;
using System.Net.Sockets;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// Host names to addresses, one way for the whole bastion (shell checks, ACL input, egress, known_hosts): an IP
/// literal as it is (brackets allowed), a name through DNS with IPv4 preferred, as The Bastion resolves them.
/// </summary>
public static class HostResolution
{
    /// <summary>The address <paramref name="host"/> stands for, or null when it does not resolve (or cannot: too long).</summary>
    public static async Task<IPAddress?> AddressAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The one-address network (/32 or /128) an ACL entry or request holds for <paramref name="address"/>.</summary>
    public static IPNetwork OneAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }
}
