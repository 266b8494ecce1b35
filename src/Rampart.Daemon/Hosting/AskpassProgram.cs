namespace Rampart.Daemon.Hosting;

/// <summary>
/// Finds the <c>rampart</c> CLI that ssh runs as its askpass helper: <c>$RAMPART_CLI</c>, else beside the daemon (an
/// installed layout), else in the build output next to the daemon's own.
/// </summary>
public static class AskpassProgram
{
    public static string? Locate()
    {
        var baseDirectory = AppContext.BaseDirectory.TrimEnd('/');
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("RAMPART_CLI"),
            Path.Combine(baseDirectory, "rampart"),
            // artifacts/bin/Rampart.Daemon/<config>/ beside artifacts/bin/Rampart.Cli/<config>/
            Path.Combine(baseDirectory, "..", "..", "Rampart.Cli", Path.GetFileName(baseDirectory), "rampart"),
        };
        return candidates.Where(c => !string.IsNullOrEmpty(c) && File.Exists(c)).Select(c => Path.GetFullPath(c!)).FirstOrDefault();
    }
}
