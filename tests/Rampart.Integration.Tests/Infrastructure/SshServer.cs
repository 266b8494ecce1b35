using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 and a random port, with throwaway host and client keys, logging in the
/// current user with the client key (and, when asked, any user with their password). Stopped by pid when disposed.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    private readonly bool _passwordLogins;
    private readonly int _extraPorts;

    private SshServer(TempDirectory home, bool passwordLogins, int extraPorts)
    {
        Home = home;
        _passwordLogins = passwordLogins;
        _extraPorts = extraPorts;
    }

    /// <summary>Every port it listens on: <see cref="Port"/> first, then the extra ones (each a "host" of a test fleet).</summary>
    public IReadOnlyList<int> Ports { get; private set; } = [];

    public TempDirectory Home { get; }

    public int Port { get; private set; }

    public string ClientKey => Home.Combine("client_ed25519");

    public string HostKey => Home.Combine("host_ed25519");

    public static string User => Environment.UserName;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="passwordLogins">Also accept passwords (checked against /etc/shadow; see <see cref="SystemUser"/>).</param>
    /// <param name="extraPorts">More ports to listen on (sshd takes at most 16 in all).</param>
    public static async Task<SshServer> StartAsync(CancellationToken cancellationToken, bool passwordLogins = false, int extraPorts = 0)
    {
        var server = new SshServer(new TempDirectory(), passwordLogins, extraPorts);
        await RunAsync("ssh-keygen", cancellationToken, "-q", "-t", "ed25519", "-N", "", "-C", "rampart-test-host", "-f", server.HostKey);
        await RunAsync("ssh-keygen", cancellationToken, "-q", "-t", "ed25519", "-N", "", "-C", "rampart-test-client", "-f", server.ClientKey);
        File.Copy(server.ClientKey + ".pub", server.Home.Combine("authorized_keys"));
        await server.LaunchAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// Lets other accounts log in with the client key too: sshd reads authorized_keys as the user logging in, so the
    /// server's directory and that file must be readable to them (the private keys stay 0600).
    /// </summary>
    public void AllowOtherUsers()
    {
        File.SetUnixFileMode(Home.Path, File.GetUnixFileMode(Home.Path) | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Home.Combine("authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Stops the server; <see cref="RestartAsync"/> brings it back on the same port.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        await LaunchAsync(cancellationToken, Port);
    }

    /// <summary>Gives the server a new host key, as a reinstalled or impersonated host would have.</summary>
    public async Task ReplaceHostKeyAsync(CancellationToken cancellationToken)
    {
        File.Delete(HostKey);
        File.Delete(HostKey + ".pub");
        await RunAsync("ssh-keygen", cancellationToken, "-q", "-t", "ed25519", "-N", "", "-C", "rampart-test-host-2", "-f", HostKey);
        await RestartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Home.Dispose();
    }

    private async Task LaunchAsync(CancellationToken cancellationToken, int? port = null)
    {
        Ports = port is null ? FreePort.Many(1 + _extraPorts) : Ports;
        Port = Ports[0];
        Directory.CreateDirectory("/run/sshd");
        var config = Home.Combine("sshd_config");
        await File.WriteAllTextAsync(config, string.Join('\n',
            string.Join('\n', Ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"Port {p}"))),
            "ListenAddress 127.0.0.1",
            $"HostKey {HostKey}",
            $"AuthorizedKeysFile {Home.Combine("authorized_keys")}",
            $"PidFile {Home.Combine("sshd.pid")}",
            _passwordLogins ? "PasswordAuthentication yes" : "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "MaxStartups 200:30:400",
            "MaxSessions 200",
            "Subsystem sftp internal-sftp",
            // As Debian's default sshd_config: the bastion's LC_BASTION variables reach the session.
            "AcceptEnv LANG LC_*",
            "LogLevel VERBOSE",
            ""), cancellationToken);
        var start = new ProcessStartInfo("/usr/sbin/sshd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sshd exited at start:\n{Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static async Task RunAsync(string file, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await error}");
        }
    }
}
