namespace Rampart.Core.Bastion.Access;

/// <summary>One parsed stdin line of groupSetServers: <c>[user@]host[:port] [comment…]</c>.</summary>
/// <param name="Host">A hostname, an IP or a CIDR block, without IPv6 brackets; not resolved yet.</param>
/// <param name="User">The remote user (globs allowed); null means any.</param>
/// <param name="Port">The remote port; null means any.</param>
/// <param name="Comment">The rest of the line after the first blank run; null when absent.</param>
public sealed record ServerLine(string Host, string? User, int? Port, string? Comment);
