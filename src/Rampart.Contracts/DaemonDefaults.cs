namespace Rampart.Contracts;

/// <summary>
/// Where a client finds the daemon, shared by the daemon (which writes) and the CLI (which reads).
/// The defaults are XPipe's, so that XPipe clients find Rampart unchanged.
/// </summary>
public static class DaemonDefaults
{
    public const int Port = 21721;

    public const string Url = "http://127.0.0.1:21721";

    /// <summary>Environment variable naming the daemon's base URL for the CLI.</summary>
    public const string UrlVariable = "RAMPART_URL";

    /// <summary>Environment variable naming the local auth file for the CLI.</summary>
    public const string AuthFileVariable = "RAMPART_AUTH_FILE";

    /// <summary>Environment variable naming the data directory.</summary>
    public const string HomeVariable = "RAMPART_HOME";

    /// <summary>
    /// The local auth file, resolved exactly as XPipe's Python client does: <c>TEMP</c>, else <c>TMPDIR</c>,
    /// else <c>/tmp</c>, then <c>xpipe_auth</c>.
    /// </summary>
    public static string AuthFilePath()
    {
        var temp = NonEmpty(Environment.GetEnvironmentVariable("TEMP"))
            ?? NonEmpty(Environment.GetEnvironmentVariable("TMPDIR"))
            ?? "/tmp";
        return Path.Combine(temp, "xpipe_auth");
    }

    /// <summary>The data directory: <c>$RAMPART_HOME</c>, else <c>~/.local/share/rampart</c>.</summary>
    public static string DataDirectory()
    {
        var home = NonEmpty(Environment.GetEnvironmentVariable(HomeVariable));
        if (home is not null)
        {
            return Path.GetFullPath(home);
        }

        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(userHome, ".local", "share", "rampart");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
