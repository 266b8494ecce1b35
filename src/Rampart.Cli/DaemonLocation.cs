using Rampart.Contracts;

namespace Rampart.Cli;

/// <summary>Where the daemon listens and where its local auth file is, from the environment or XPipe's defaults.</summary>
internal sealed record DaemonLocation(Uri BaseUrl, string DisplayUrl, string AuthFile)
{
    /// <param name="environment">Reads one environment variable; tests pass their own.</param>
    public static DaemonLocation FromEnvironment(Func<string, string?> environment)
    {
        var url = NonEmpty(environment(DaemonDefaults.UrlVariable)) ?? DaemonDefaults.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"{DaemonDefaults.UrlVariable} must be an http:// URL such as {DaemonDefaults.Url}, not '{url}'");
        }

        // A trailing slash makes relative endpoint paths append to any base path instead of replacing its last part.
        var baseUrl = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        var authFile = NonEmpty(environment(DaemonDefaults.AuthFileVariable)) ?? AuthFilePath(environment);
        return new DaemonLocation(baseUrl, url.TrimEnd('/'), authFile);
    }

    /// <summary>Same rule as <see cref="DaemonDefaults.AuthFilePath"/>, but through the injectable environment.</summary>
    private static string AuthFilePath(Func<string, string?> environment)
    {
        var temp = NonEmpty(environment("TEMP")) ?? NonEmpty(environment("TMPDIR")) ?? "/tmp";
        return Path.Combine(temp, "xpipe_auth");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
