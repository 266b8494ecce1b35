using System.Globalization;
using System.Net;
using Rampart.Contracts;

namespace Rampart.Daemon.Hosting;

/// <summary>Parses <c>rampart daemon [--listen ADDR:PORT] [--data-dir DIR] [--auth-file PATH]</c>.</summary>
public static class DaemonCommandLine
{
    public const string Usage = """
        Usage: rampart daemon [--listen ADDRESS:PORT] [--data-dir DIR] [--auth-file PATH] [--bastion-config FILE]

        Runs the Rampart daemon in the foreground until Ctrl-C or SIGTERM.
          --listen     address and port of the HTTP API (default 127.0.0.1:21721)
          --data-dir   where the database and vault key live (default $RAMPART_HOME or ~/.local/share/rampart)
          --auth-file  where the local auth token is written, mode 0600, removed on exit
                       (default $TEMP, $TMPDIR or /tmp, then xpipe_auth: where XPipe clients look)
          --bastion-config  the bastion front door made by `rampart bastion install`
                       (default /etc/rampart/bastion/bastion.conf when it exists)
        Environment: RAMPART_VAULT_PASSPHRASE protects (or unlocks) the vault key with a passphrase.
        """;

    /// <summary>The options, or null with an error line when the arguments are wrong; help prints usage.</summary>
    public static DaemonOptions? Parse(IReadOnlyList<string> args, TextWriter error, out bool helpShown)
    {
        helpShown = false;
        var listen = new IPEndPoint(IPAddress.Loopback, DaemonDefaults.Port);
        var dataDirectory = DaemonDefaults.DataDirectory();
        var authFile = DaemonDefaults.AuthFilePath();
        string? bastionConfig = File.Exists(Contracts.Bastion.BastionConfig.DefaultPath) ? Contracts.Bastion.BastionConfig.DefaultPath : null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                helpShown = true;
                return null;
            }

            if (arg is not ("--listen" or "--data-dir" or "--auth-file" or "--bastion-config"))
            {
                error.WriteLine($"rampart daemon: unknown argument '{arg}' (see --help)");
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error.WriteLine($"rampart daemon: {arg} needs a value");
                return null;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--listen":
                    if (!TryParseEndpoint(value, out listen))
                    {
                        error.WriteLine($"rampart daemon: --listen wants ADDRESS:PORT such as 127.0.0.1:21721, not '{value}'");
                        return null;
                    }

                    break;
                case "--data-dir":
                    dataDirectory = Path.GetFullPath(value);
                    break;
                case "--bastion-config":
                    bastionConfig = Path.GetFullPath(value);
                    break;
                default:
                    authFile = Path.GetFullPath(value);
                    break;
            }
        }

        return new DaemonOptions(listen, dataDirectory, authFile, bastionConfig);
    }

    private static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bare) && bare is >= 0 and <= 65535)
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, bare);
            return true;
        }

        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            text = "127.0.0.1:" + text["localhost:".Length..];
        }

        return IPEndPoint.TryParse(text, out endpoint!) && text.Contains(':', StringComparison.Ordinal);
    }
}
