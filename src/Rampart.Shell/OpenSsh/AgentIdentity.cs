namespace Rampart.Shell.OpenSsh;

/// <summary>A key held by one of Rampart's ssh-agents: its socket, and a file with the public half for <c>-i</c>.</summary>
public sealed record AgentIdentity(string Socket, string PublicKeyFile);
