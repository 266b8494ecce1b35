using System.Net;
using System.Net.Sockets;

namespace Rampart.Core.Access;

/// <summary>
/// What a connection's host names, judged as ssh's resolver (getaddrinfo) would read it, so that a check and the login
/// that follows can never disagree on the address: an IP literal in its usual form, or a DNS name. Anything in between
/// (<c>127.1</c>, <c>0x7f.0.0.1</c>, <c>010.0.0.1</c>: numbers the C library reads in its own way) is neither.
/// </summary>
public static class HostText
{
    /// <summary>An IPv4 address in dotted-decimal form without leading zeros, or an IPv6 address without zone.</summary>
    public static bool TryAddress(string host, out IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(host);
        address = IPAddress.None;
        if (!IPAddress.TryParse(host, out var parsed))
        {
            return false;
        }

        var literal = parsed.AddressFamily switch
        {
            AddressFamily.InterNetwork => string.Equals(parsed.ToString(), host, StringComparison.Ordinal),
            AddressFamily.InterNetworkV6 => parsed.ScopeId == 0 && host.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'),
            _ => false,
        };
        if (literal)
        {
            address = Unmapped(parsed);
        }

        return literal;
    }

    /// <summary>
    /// A DNS name: dot-separated labels of letters, digits and '-' (not at a label's ends), an optional final dot, and
    /// not a number in any of the forms inet_aton accepts.
    /// </summary>
    public static bool IsName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        var labels = name.Split('.');
        return labels.All(l => l.Length is >= 1 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && !labels.All(IsNumberPart);
    }

    /// <summary>An IPv4 address seen through IPv6 (<c>::ffff:a.b.c.d</c>) is that IPv4 address, as ACLs list it.</summary>
    public static IPAddress Unmapped(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    // inet_aton's parts: decimal, octal (leading 0) or hexadecimal (0x).
    private static bool IsNumberPart(string label) =>
        label.All(char.IsAsciiDigit)
        || (label.Length >= 2 && label[0] == '0' && label[1] is 'x' or 'X' && label[2..].All(char.IsAsciiHexDigit));
}
