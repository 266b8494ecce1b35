using System.Net;

namespace Rampart.Core.Bastion.Access;

/// <summary>What an account asks to reach: a host or a subnet, a remote user and a port.</summary>
/// <param name="Target">The requested IP (a /32 or /128) or subnet.</param>
/// <param name="User">The remote user; null (or "*") asks for a user-any grant.</param>
/// <param name="Port">The remote port; null asks for a port-any grant.</param>
public sealed record AclRequest(IPNetwork Target, string? User, int? Port)
{
    /// <summary>Any entry user matches (the reference's <c>ignoreUser</c>, whoHasAccessTo without <c>--user</c>).</summary>
    public bool IgnoreUser { get; init; }

    /// <summary>
    /// The entry's user must be exactly the requested one, with no wildcard or glob (the reference's
    /// <c>exactUserMatch</c>, used for the <c>!scpupload</c>-style protocol grants).
    /// </summary>
    public bool ExactUser { get; init; }

    /// <summary>Any entry port matches (the reference's <c>ignorePort</c>, whoHasAccessTo without <c>--port</c>).</summary>
    public bool IgnorePort { get; init; }
}
