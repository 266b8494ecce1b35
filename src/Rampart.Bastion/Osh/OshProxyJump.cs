namespace Rampart.Bastion.Osh;

/// <summary>
/// A <c>-J [user@]host[:port]</c> proxy jump, split as the reference splits it: brackets around an IPv6 literal
/// removed, the port only when given and not "0". Resolving the host is the caller's job.
/// </summary>
public sealed record OshProxyJump(string? User, string Host, int? Port);
