namespace Rampart.Shell.Sessions;

/// <summary>One command's outcome: its exit code and its output, one trailing newline removed from each stream.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
