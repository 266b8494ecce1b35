namespace Rampart.Shell.Sessions;

/// <summary>Asks a fresh shell what it is: dialect, OS type and name, temp directory.</summary>
internal static class ShellProbe
{
    private const string Script = """
        if [ -n "${BASH_VERSION:-}" ]; then echo bash; elif [ -n "${ZSH_VERSION:-}" ]; then echo zsh; else n=$(readlink /proc/$$/exe 2>/dev/null); echo "${n##*/}"; fi
        uname -s
        if [ -r /etc/os-release ]; then (. /etc/os-release; echo "${PRETTY_NAME:-$NAME}"); else uname -sr; fi
        echo "${TMPDIR:-/tmp}"
        echo $$
        """;

    public static async Task<ShellInfo> RunAsync(ShellSession session, CancellationToken cancellationToken)
    {
        var result = await session.ExecAsync(Script, TimeSpan.FromSeconds(30), cancellationToken);
        var lines = result.Stdout.Split('\n');
        if (result.ExitCode != 0 || lines.Length < 5 || !int.TryParse(lines[4], System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            throw new ShellFailedException($"The shell did not answer as a POSIX shell: {result.Stderr}".Trim());
        }

        var dialect = lines[0] switch
        {
            "bash" or "zsh" or "dash" or "ash" or "ksh" or "mksh" => lines[0],
            "busybox" => "ash",
            _ => "sh",
        };
        var osType = lines[1].Trim() switch
        {
            "Linux" => "linux",
            "Darwin" => "macos",
            "FreeBSD" or "OpenBSD" or "NetBSD" or "DragonFly" => "bsd",
            "SunOS" => "solaris",
            "AIX" => "aix",
            _ => "unix",
        };
        return new ShellInfo(dialect, osType, lines[2].Trim(), "none", lines[3].Trim().TrimEnd('/') is { Length: > 0 } temp ? temp : "/", pid);
    }
}
