namespace Rampart.Cli.Daemon;

/// <summary>
/// Finds <c>rampart-daemon</c>: <c>$RAMPART_DAEMON_PATH</c>, else the sibling project's output in the artifacts layout
/// (<c>artifacts/bin/Rampart.Daemon/&lt;config&gt;/</c> beside <c>artifacts/bin/Rampart.Cli/&lt;config&gt;/</c>), else next
/// to the CLI, else on <c>PATH</c>.
/// </summary>
internal static class DaemonLocator
{
    public const string PathVariable = "RAMPART_DAEMON_PATH";
    private const string Name = "rampart-daemon";

    /// <param name="cliDirectory">The CLI's own directory (<see cref="AppContext.BaseDirectory"/>).</param>
    /// <param name="processPath">The running executable: the <c>dotnet</c> host when started as <c>dotnet rampart.dll</c>.</param>
    public static DaemonLaunch Find(Func<string, string?> environment, string cliDirectory, string? processPath)
    {
        var dotnetHost = IsDotnetHost(processPath) ? processPath : null;
        if (NonEmpty(environment(PathVariable)) is { } configured)
        {
            var full = Path.GetFullPath(configured);
            if (!File.Exists(full))
            {
                throw new CliException($"{PathVariable} names {full}, which does not exist");
            }

            return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new DaemonLaunch(dotnetHost ?? DotnetFromEnvironment(environment), [full])
                : new DaemonLaunch(full, []);
        }

        var own = Path.TrimEndingDirectorySeparator(Path.GetFullPath(cliDirectory));
        var configuration = Path.GetFileName(own);
        var bin = Path.GetDirectoryName(Path.GetDirectoryName(own));
        var candidates = new List<string>();
        if (bin is not null && configuration.Length > 0)
        {
            candidates.Add(Path.Combine(bin, "Rampart.Daemon", configuration));
        }

        candidates.Add(own);
        foreach (var directory in candidates)
        {
            if (InDirectory(directory, dotnetHost, environment) is { } launch)
            {
                return launch;
            }
        }

        foreach (var directory in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, Name);
            if (IsExecutable(candidate))
            {
                return new DaemonLaunch(candidate, []);
            }
        }

        throw new CliException(
            $"cannot find {Name}: build it (dotnet build src/Rampart.Daemon), put it on PATH, or set {PathVariable}");
    }

    private static DaemonLaunch? InDirectory(string directory, string? dotnetHost, Func<string, string?> environment)
    {
        var executable = Path.Combine(directory, Name);
        var dll = executable + ".dll";

        // Under `dotnet rampart.dll` the same host runs the daemon's .dll: an apphost might not find that runtime.
        if (dotnetHost is not null && File.Exists(dll))
        {
            return new DaemonLaunch(dotnetHost, [dll]);
        }

        if (IsExecutable(executable))
        {
            return new DaemonLaunch(executable, []);
        }

        return File.Exists(dll) ? new DaemonLaunch(DotnetFromEnvironment(environment), [dll]) : null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static bool IsDotnetHost(string? processPath) =>
        processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet";

    private static string DotnetFromEnvironment(Func<string, string?> environment) =>
        NonEmpty(environment("DOTNET_HOST_PATH")) ?? "dotnet";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
