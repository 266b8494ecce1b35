namespace Rampart.Shell.Sessions;

/// <summary>What <c>/shell/start</c> reports about a shell: exactly XPipe's five fields.</summary>
/// <param name="ShellDialect">XPipe's dialect id: <c>sh</c>, <c>bash</c>, <c>dash</c>, <c>zsh</c>, <c>fish</c>…</param>
/// <param name="OsType">XPipe's OS id: <c>linux</c>, <c>macos</c>, <c>bsd</c>, <c>solaris</c>, <c>unix</c>.</param>
/// <param name="OsName">A readable OS name, from os-release or uname.</param>
/// <param name="TtyState">Always <c>none</c>: stdout and stderr stay separate.</param>
/// <param name="Temp">The system's temp directory.</param>
/// <param name="ShellProcessId">The shell's pid on its own machine, to interrupt what it runs.</param>
public sealed record ShellInfo(string ShellDialect, string OsType, string OsName, string TtyState, string Temp, int ShellProcessId);
