namespace Rampart.Cli.Daemon;

/// <summary>How to start the daemon: an executable, and the arguments that precede the user's (the .dll for <c>dotnet</c>).</summary>
internal sealed record DaemonLaunch(string FileName, IReadOnlyList<string> LeadingArguments);
