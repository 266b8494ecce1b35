namespace Rampart.Core.Access;

/// <summary>One ssh login on a connection's way: where ssh connects, on which port, and as whom.</summary>
/// <param name="Host">As the connection writes it: an IP address or a host name.</param>
/// <param name="ResolvedByGateway">
/// Whether this login goes through a gateway, whose server then turns <see cref="Host"/> into an address (ssh -W), not
/// this machine; such a host is always an IP address.
/// </param>
public sealed record SshHop(string Host, int Port, string User, bool ResolvedByGateway);
