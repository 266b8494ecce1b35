using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Rampart.Bastion.Host;

/// <summary>
/// This host's own addresses, as <c>hostname --all-ip-addresses</c> lists them (no loopback, no IPv6 link-local): what
/// The Bastion puts in egress keys' <c>from="…"</c> when <c>egressKeysFrom</c> is not set.
/// </summary>
public static class HostAddresses
{
    public static IReadOnlyList<string> Detect() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus != OperationalStatus.Down)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => !IPAddress.IsLoopback(address) && !address.IsIPv6LinkLocal
                && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(address => address.ToString())
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Whether <paramref name="address"/> is on one of this host's interfaces, loopback included (a <c>--bind</c> address).</summary>
    public static bool IsOwn(IPAddress address) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Any(unicast => unicast.Address.Equals(address));
}
