namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>Finds the binaries built beside the tests (artifacts/bin/&lt;Project&gt;/&lt;config&gt;/), in the same configuration.</summary>
public static class BuildOutput
{
    private static readonly DirectoryInfo s_testDirectory = new(AppContext.BaseDirectory);

    public static string Configuration => s_testDirectory.Name;

    public static string BinRoot => s_testDirectory.Parent!.Parent!.FullName;

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(BinRoot, "..", ".."));

    public static string DaemonDll => Existing(Path.Combine(BinRoot, "Rampart.Daemon", Configuration, "rampart-daemon.dll"));

    public static string CliDll => Existing(Path.Combine(BinRoot, "Rampart.Cli", Configuration, "rampart.dll"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Build output not found: {path} (build the solution first)");
}
