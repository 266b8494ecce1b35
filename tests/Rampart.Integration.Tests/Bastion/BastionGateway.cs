using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// A whole bastion on loopback, as an administrator would set it up: <c>rampart bastion install</c> into throwaway
/// directories, the daemon with that front door, <c>rampart bastion serve</c> on a random port, and a first admin
/// made with <c>bootstrap-admin</c>. Accounts get the <c>rtb</c> prefix and are removed (OS users included) at the end.
/// </summary>
public sealed class BastionGateway : IAsyncDisposable
{
    private readonly List<string> _accounts = [];
    private Process? _sshd;

    private BastionGateway(TempDirectory home, string lib, DaemonProcess daemon, int port)
    {
        Home = home;
        Lib = lib;
        Daemon = daemon;
        Port = port;
    }

    public TempDirectory Home { get; }

    public string Lib { get; }

    public DaemonProcess Daemon { get; }

    public int Port { get; }

    public string Admin { get; private set; } = "";

    public string AdminKey => Home.Combine("admin_key");

    public static bool CanRun => SystemUser.CanCreate && File.Exists("/usr/sbin/sshd");

    /// <summary>The test gateway's cap on one egress session's output: small, so that a test can reach it.</summary>
    public const long RecordingMaxBytes = 4 * 1024 * 1024;

    /// <summary>The test gateway's idle limit in the interactive mode, in seconds: short, so that a test can wait it out.</summary>
    public const int InteractiveModeTimeout = 4;

    public static async Task<BastionGateway> StartAsync(CancellationToken cancellationToken)
    {
        var home = new TempDirectory();
        // Accounts reach the daemon's socket through this directory, so it must be traversable.
        File.SetUnixFileMode(home.Path, (UnixFileMode)0b111_101_101);
        var lib = "/usr/local/lib/rampart-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var port = FreePort.Next();
        var install = await CliRunner.RunAsync(null, null, cancellationToken,
            "bastion", "install", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--listen-address", "127.0.0.1",
            "--config-dir", home.Combine("etc"), "--lib-dir", lib, "--socket", home.Combine("run", "osh.sock"), "--name", "test-bastion",
            "--egress-keys-from", "127.0.0.1", "--ingress-keys-from", "127.0.0.1", "--ingress-keys-from-allow-override", "--recording-max-bytes", RecordingMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bastion-command", $"ssh ACCOUNT@127.0.0.1 -p {port.ToString(System.Globalization.CultureInfo.InvariantCulture)} -t --",
            "--interactive-mode-timeout", InteractiveModeTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(install.Code == 0, install.ToString());

        var daemon = new DaemonProcess();
        await daemon.StartAsync(["--bastion-config", home.Combine("etc", "bastion.conf")], cancellationToken);
        var gateway = new BastionGateway(home, lib, daemon, port);
        try
        {
            await gateway.ServeAsync(cancellationToken);
            await Run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rampart-test-admin", "-f", gateway.AdminKey], cancellationToken);
            gateway.Admin = gateway.NewAccountName();
            var bootstrap = await CliRunner.RunAsync(daemon, null, cancellationToken, "bastion", "bootstrap-admin", gateway.Admin, "--key", gateway.AdminKey + ".pub");
            Assert.True(bootstrap.Code == 0, bootstrap.ToString());
            return gateway;
        }
        catch
        {
            // A fixture that fails to start is never disposed by xUnit: stop the daemon and sshd here.
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh account name with the test prefix, removed at the end whether or not it gets created.</summary>
    public string NewAccountName()
    {
        var name = "rtb" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        _accounts.Add(name);
        return name;
    }

    /// <summary>A key pair for a new account: the private key's path.</summary>
    public async Task<string> NewKeyAsync(CancellationToken cancellationToken)
    {
        var path = Home.Combine("key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        await Run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rampart-test", "-f", path], cancellationToken);
        return path;
    }

    /// <summary><c>ssh ACCOUNT@bastion -- ARGS</c> with a real OpenSSH client, as The Bastion's own tests call it.</summary>
    /// <param name="source">The loopback address to connect from (ssh's <c>-b</c>), to test where an account may log in from.</param>
    /// <param name="environment">Variables the client sets and sends (<c>SendEnv</c>), as a user's locale.</param>
    public async Task<SshResult> SshAsync(
        string account, string key, string command, string? stdin, CancellationToken cancellationToken, string source = "127.0.0.1",
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add("SendEnv=" + name);
        }

        foreach (var argument in new[]
        {
            "-F", "/dev/null", "-b", source, "-i", key, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-T", account + "@127.0.0.1", "--", command,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new SshResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Stops the daemon, lets <paramref name="edit"/> change its SQLite database (for states a test cannot wait for, such
    /// as a login months ago), then starts it again on the same front door.
    /// </summary>
    public async Task EditStoreAsync(Func<Microsoft.Data.Sqlite.SqliteConnection, Task> edit, CancellationToken cancellationToken)
    {
        await Daemon.StopAsync(cancellationToken);
        var database = Path.Combine(Daemon.DataDirectory, "rampart.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync(cancellationToken);
            await edit(connection);
        }

        await Daemon.StartAsync(["--bastion-config", Home.Combine("etc", "bastion.conf")], cancellationToken);
    }

    public Task<SshResult> AdminAsync(string command, CancellationToken cancellationToken, string? stdin = null) =>
        SshAsync(Admin, AdminKey, command, stdin, cancellationToken);

    /// <summary>Creates a plain account with a fresh key; returns its name and private key path.</summary>
    public async Task<(string Name, string Key)> CreateAccountAsync(CancellationToken cancellationToken)
    {
        var name = NewAccountName();
        var key = await NewKeyAsync(cancellationToken);
        var publicKey = (await File.ReadAllTextAsync(key + ".pub", cancellationToken)).Trim();
        var created = await AdminAsync($"--json-greppable --osh accountCreate --account {name} --uid-auto --public-key \"{publicKey}\"", cancellationToken);
        Assert.True(created.ExitCode == 0, created.ToString());
        return (name, key);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sshd is { HasExited: false } sshd)
        {
            sshd.Kill(entireProcessTree: true);
            await sshd.WaitForExitAsync();
        }

        _sshd?.Dispose();
        await Daemon.DisposeAsync();
        foreach (var account in _accounts)
        {
            await Run(["pkill", "-KILL", "-u", account], CancellationToken.None, check: false);
            await Run(["userdel", "--force", "--remove", account], CancellationToken.None, check: false);
        }

        if (Directory.Exists(Lib))
        {
            Directory.Delete(Lib, recursive: true);
        }

        Home.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var (program, prefix) = BuildOutput.Cli;
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in prefix.Concat(["bastion", "serve", "--config-dir", Home.Combine("etc")]))
        {
            start.ArgumentList.Add(argument);
        }

        _sshd = Process.Start(start)!;
        _ = _sshd.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = _sshd.StandardError.ReadToEndAsync(CancellationToken.None);
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new InvalidOperationException("the bastion's sshd did not start");
    }

    private static async Task Run(string[] command, CancellationToken cancellationToken, bool check = true)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command[0]} failed: {await error}");
        }
    }
}

/// <summary>What one <c>ssh</c> call to the bastion gave: exit status, stdout, stderr, and the envelope when there is one.</summary>
public sealed record SshResult(int ExitCode, string Out, string Error)
{
    /// <summary>The last <c>JSON_OUTPUT=</c> line's envelope, as The Bastion's test harness reads it.</summary>
    public JsonObject Json => (JsonObject)JsonNode.Parse(
        Out.Split('\n').Last(line => line.StartsWith("JSON_OUTPUT=", StringComparison.Ordinal))["JSON_OUTPUT=".Length..])!;

    public string Code => Json["error_code"]!.GetValue<string>();

    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}
