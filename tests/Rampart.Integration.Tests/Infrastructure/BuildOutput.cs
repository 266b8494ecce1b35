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

    /// <summary>
    /// The CLI as users run it: the native build (scripts/publish-native.sh) when it is at least as new as the .NET
    /// build, else <c>dotnet rampart.dll</c>. Returns the program and the arguments that come before the CLI's own.
    /// </summary>
    public static (string Program, string[] Prefix) Cli
    {
        get
        {
            var native = Path.Combine(BinRoot, "..", "publish", "rampart", "rampart");
            return File.Exists(native) && File.GetLastWriteTimeUtc(native) >= File.GetLastWriteTimeUtc(CliDll)
                ? (native, [])
                : ("dotnet", [CliDll]);
        }
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Build output not found: {path} (build the solution first)");
}
