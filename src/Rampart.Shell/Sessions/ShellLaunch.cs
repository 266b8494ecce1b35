using System.Diagnostics;

namespace Rampart.Shell.Sessions;

/// <summary>How to start one kind of shell process, and how to interrupt the command running in it.</summary>
/// <param name="Interrupt">
/// Stops the running command (not the shell), given the local process and the shell's own pid on its machine.
/// </param>
/// <param name="InitCommands">Run once in the new shell before it is handed out (a nested shell's <c>commands</c>).</param>
public sealed record ShellLaunch(ProcessStartInfo StartInfo, Func<Process, int, Task> Interrupt, string? InitCommands = null);
