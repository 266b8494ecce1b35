namespace Rampart.Bastion.Dispatch;

/// <summary>Why the bastion ended a running session: the exit status its client gets and the line it is told.</summary>
public sealed record SessionEnd(int ExitCode, string Reason);
