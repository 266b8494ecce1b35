namespace Rampart.Core.Bastion.Sessions;

/// <summary>An address and port a session came from, went through or went to.</summary>
public sealed record SessionEndpoint(string? Ip, int? Port, string? Host);
