using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Rampart.Core.Bastion.Access;

/// <summary>One line of a bastion ACL (personal, group or guest): <c>[user@]ip[/prefix][:port]</c> and its metadata.</summary>
/// <param name="Network">The granted host (a /32 or /128) or subnet.</param>
/// <param name="User">The remote user; null means any. May hold <c>*</c>/<c>?</c> globs or a protocol user like <c>!scpupload</c>.</param>
/// <param name="Port">The remote port; null means any.</param>
/// <param name="Expiry">When the entry stops granting anything; null never.</param>
/// <param name="Comment">The text given with <c>--comment</c> (the reference's <c>userComment</c>).</param>
/// <param name="ForceKey">The fingerprint of the only egress key this entry may use.</param>
/// <param name="ForcePassword">The crypt hash of the only egress password this entry may use.</param>
public sealed record AclEntry(
    IPNetwork Network,
    string? User,
    int? Port,
    DateTimeOffset? Expiry,
    string AddedBy,
    DateTimeOffset AddedDate,
    string? Comment = null,
    string? ForceKey = null,
    string? ForcePassword = null)
{
    /// <summary>The canonical IP text: a bare address for a single host, CIDR for a subnet, IPv6 compressed.</summary>
    public string IpText => HostSpec.Format(Network);

    /// <summary>The reference drops an entry whose expiry is strictly before now: at that second it still grants.</summary>
    public bool IsExpired(DateTimeOffset now) => Expiry is { } expiry && expiry < now;

    /// <summary>Same host or subnet, user and port: the identity add/del use to answer OK_NO_CHANGE.</summary>
    public bool SameWay(AclEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Network.Equals(other.Network)
            && string.Equals(User, other.User, StringComparison.Ordinal)
            && Port == other.Port;
    }

    /// <summary>
    /// The ACL entry object of the JSON API, typed like the reference: <c>port</c> is a string, <c>expiry</c> an epoch
    /// integer, <c>addedDate</c> "YYYY-MM-DD HH:MM:SS" in the offset <see cref="AddedDate"/> carries. <c>comment</c>
    /// (free text after the markers in the reference's file) has no counterpart here and is always null.
    /// </summary>
    /// <param name="reverseDns">Added by listings; null when not resolved.</param>
    public JsonObject ToJson(string? reverseDns = null) => new()
    {
        ["ip"] = IpText,
        ["port"] = Port?.ToString(CultureInfo.InvariantCulture),
        ["user"] = User,
        ["addedBy"] = AddedBy,
        ["addedDate"] = AddedDate.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["expiry"] = Expiry?.ToUnixTimeSeconds(),
        ["forceKey"] = ForceKey,
        ["forcePassword"] = ForcePassword,
        ["comment"] = null,
        ["userComment"] = Comment,
        ["reverseDns"] = reverseDns,
    };
}
