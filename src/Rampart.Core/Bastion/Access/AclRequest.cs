using System.Net;

namespace Rampart.Core.Bastion.Access;

/// <summary>What an account asks to reach: a host or a subnet, a remote user and a port.</summary>
/// <param name="Target">The requested IP (a /32 or /128) or subnet.</param>
/// <param name="User">The remote user; null (or "*") asks for a user-any grant.</param>
/// <param name="Port">The remote port; null asks for a port-any grant.</param>
public sealed record AclRequest(IPNetwork Target, string? User, int? Port);
