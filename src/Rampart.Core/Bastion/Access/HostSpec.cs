using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Rampart.Core.Bastion.Access;

/// <summary>Parsing what users type for hosts: IPs and subnets (<c>is_valid_ip</c>) and groupSetServers lines.</summary>
public static class HostSpec
{
    public const string InvalidIp = "KO_INVALID_IP";

    public const int MaxRemoteUserLength = 128;

    private static readonly SearchValues<char> Blanks = SearchValues.Create(" \t\r\n\v\f");

    public static bool TryParseIp(string text, bool allowSubnet, out IPNetwork network, out string? errorCode) =>
        TryParseIp(text, allowSubnet, out network, out errorCode, out _);

    /// <summary>
    /// An IPv4 or IPv6 address, optionally in brackets, with a <c>/prefix</c> when <paramref name="allowSubnet"/>.
    /// Like the reference: leading zeros in IPv4 octets are dropped, a full-length prefix (/32, /128) is a single
    /// host and always allowed, and a block with host bits set (10.1.2.3/8) is refused rather than widened.
    /// </summary>
    /// <param name="message">The reference's explanation, for the user.</param>
    public static bool TryParseIp(
        string text, bool allowSubnet, out IPNetwork network, out string? errorCode, out string? message)
    {
        network = default;
        errorCode = InvalidIp;
        message = $"Invalid IP address ({text})";
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var bare = text;
        if (bare.StartsWith('['))
        {
            bare = bare[1..];
        }

        if (bare.EndsWith(']'))
        {
            bare = bare[..^1];
        }

        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? bare : bare[..slash];
        var isV6 = addressText.Contains(':', StringComparison.Ordinal);
        if (!(isV6 ? TryParseV6(addressText, out var address) : TryParseV4(addressText, out address)))
        {
            return false;
        }

        var maxPrefix = isV6 ? 128 : 32;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = bare[(slash + 1)..];
            if (prefixText.Length == 0 || prefixText.Length > (isV6 ? 3 : 2) || !prefixText.All(char.IsAsciiDigit))
            {
                return false;
            }

            prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
            if (!allowSubnet && prefix != maxPrefix)
            {
                message = $"Invalid IP address ({text}), as subnets are not allowed";
                return false;
            }

            if (prefix > maxPrefix)
            {
                return false;
            }

            if (!HostBitsClear(address, prefix))
            {
                message = $"Invalid prefix length ({prefix}) for this prefix ({address})";
                return false;
            }
        }

        network = new IPNetwork(address, prefix);
        errorCode = null;
        message = null;
        return true;
    }

    /// <summary>The canonical text of a block: the bare address for a /32 or /128, else CIDR; IPv6 compressed.</summary>
    public static string Format(IPNetwork network)
    {
        var full = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var address = network.BaseAddress.ToString();
        return network.PrefixLength == full
            ? address
            : string.Create(CultureInfo.InvariantCulture, $"{address}/{network.PrefixLength}");
    }

    /// <summary>
    /// One stdin line of groupSetServers, <c>[user@]host[:port] [comment…]</c>; IPv6 hosts go in brackets when a port
    /// follows (<c>[::1]:22</c>), a bare IPv6 has no port. The host is only checked for its characters, not resolved.
    /// On failure <paramref name="error"/> is the reference's text without its "In line N (…), " lead, which the
    /// caller adds since it knows the line number. Blank lines fail with "Empty line": the reference skips them.
    /// </summary>
    public static bool TryParseServerLine(string line, out ServerLine parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        parsed = null!;
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            error = "Empty line";
            return false;
        }

        error = $"Couldn't parse the line '{trimmed}'";

        var blank = trimmed.AsSpan().IndexOfAny(Blanks);
        var token = blank < 0 ? trimmed : trimmed[..blank];
        var comment = blank < 0 ? null : trimmed[blank..].Trim();

        // The user may itself hold '@': it ends at the last one, as the reference's greedy match does.
        string? user = null;
        var at = token.LastIndexOf('@');
        if (at >= 0)
        {
            user = token[..at];
            token = token[(at + 1)..];
            if (user.Length == 0)
            {
                return false;
            }
        }

        if (!SplitHostPort(token, out var host, out var portText) || !IsHostText(host))
        {
            return false;
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > 65535)
            {
                error = $"port '{portText}' is invalid";
                return false;
            }

            port = number;
        }

        if (user is not null && !IsRemoteUser(user, allowWildcards: true))
        {
            error = $"user '{user}' is invalid";
            return false;
        }

        parsed = new ServerLine(host, user, port, comment);
        error = null;
        return true;
    }

    /// <summary>
    /// The reference's <c>is_valid_remote_user</c>: 1..128 of <c>[a-zA-Z0-9._-]</c> plus <c>@ ! :</c> (protocol and
    /// password-autologin users), plus <c>? *</c> when globs are allowed.
    /// </summary>
    public static bool IsRemoteUser(string user, bool allowWildcards)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Length is >= 1 and <= MaxRemoteUserLength
            && user.All(c => char.IsAsciiLetterOrDigit(c)
                || c is '.' or '_' or '-' or '@' or '!' or ':'
                || (allowWildcards && c is '?' or '*'));
    }

    private static bool SplitHostPort(string token, out string host, out string? port)
    {
        host = token;
        port = null;
        if (token.StartsWith('['))
        {
            var close = token.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = token[1..close];
            var after = token[(close + 1)..];
            if (after.Length == 0)
            {
                return true;
            }

            if (after[0] != ':')
            {
                return false;
            }

            port = after[1..];
        }
        else
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || colon != token.LastIndexOf(':'))
            {
                // No colon, or several: a bare IPv6 address, which cannot carry a port without brackets.
                return true;
            }

            host = token[..colon];
            port = token[(colon + 1)..];
        }

        // Like the reference, a port that isn't digits makes the whole line unparseable.
        return port.Length > 0 && port.All(char.IsAsciiDigit);
    }

    private static bool IsHostText(string host) =>
        host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or ':' or '-');

    private static bool TryParseV4(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool TryParseV6(string text, out IPAddress address)
    {
        address = IPAddress.None;

        // IPAddress.TryParse also takes scope ids and other forms; keep to hex groups, colons and an embedded IPv4.
        if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || !IPAddress.TryParse(text, out var parsed)
            || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static bool HostBitsClear(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
