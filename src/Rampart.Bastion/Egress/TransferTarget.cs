using System.Globalization;
using System.Net;

namespace Rampart.Bastion.Egress;

/// <summary>Where an scp, sftp or rsync transfer through the bastion goes, and with which protocol grant.</summary>
/// <param name="Protocol">The grant it needs: <c>scpupload</c>, <c>scpdownload</c>, <c>sftp</c> or <c>rsync</c>.</param>
/// <param name="Host">The host as the account named it.</param>
public sealed record TransferTarget(string Protocol, string Host, IPAddress Address, string User, int Port)
{
    /// <summary>The Bastion's way of naming it in messages: <c>user@ip:port</c>, IPv6 in brackets.</summary>
    public string Machine => string.Create(CultureInfo.InvariantCulture,
        $"{User}@{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}");
}
