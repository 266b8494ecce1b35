using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Fleet;

/// <summary>
/// A fleet of 52 loopback hosts (four sshd processes, 13 ports each), plus one dead host (a closed port) and one slow
/// host (a port that accepts and never speaks), run through <c>rampart run</c> and <c>/fleet/*</c>.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const int Healthy = 52;

    private readonly List<SshServer> _servers = [];
    private TcpListener _silent = null!;
    private readonly List<Socket> _held = [];
    private SystemUser? _user;

    public DaemonProcess Daemon { get; private set; } = null!;

    public ApiClient Client { get; private set; } = null!;

    public IReadOnlyList<SshServer> Servers => _servers;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 4; i++)
        {
            _servers.Add(await SshServer.StartAsync(ct, extraPorts: 12));
        }

        // The slow host: the TCP handshake succeeds, the ssh banner never comes.
        _silent = new TcpListener(IPAddress.Loopback, 0);
        _silent.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    _held.Add(await _silent.AcceptSocketAsync());
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }, CancellationToken.None);

        // A login shell without rc files when the tests may create one (as root, in CI): a heavy .bashrc would be paid
        // by every cold login and say nothing about Rampart.
        _user = SystemUser.CanCreate ? await SystemUser.CreateAsync(ct) : null;
        var user = _user?.Name ?? SshServer.User;
        if (_user is not null)
        {
            _servers.ForEach(s => s.AllowOtherUsers());
        }

        Daemon = await DaemonProcess.StartAsync(ct);
        Client = await Daemon.ConnectAsync(ct);
        var csv = new StringBuilder("name,host,port,user,identity\n");
        var n = 0;
        foreach (var server in _servers)
        {
            foreach (var port in server.Ports)
            {
                csv.Append($"f{++n:00},127.0.0.1,{port},{user},{server.ClientKey}\n");
            }
        }

        csv.Append($"dead,127.0.0.1,{FreePort.Next()},{user},{_servers[0].ClientKey}\n");
        csv.Append($"slow,127.0.0.1,{((IPEndPoint)_silent.LocalEndpoint).Port},{user},{_servers[0].ClientKey}\n");
        var report = await Client.CallAsync("/connection/import", new JsonObject { ["format"] = "csv", ["text"] = csv.ToString(), ["category"] = "fleet-test" }, ct);
        Assert.Equal(Healthy + 2, report!["added"]!.AsArray().Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        _silent.Stop();
        foreach (var socket in _held)
        {
            socket.Dispose();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        if (_user is not null)
        {
            await _user.DisposeAsync();
        }
    }
}

public sealed class FleetTests(FleetFixture fleet) : IClassFixture<FleetFixture>, IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private Task<CliRunner.Result> RunAsync(params string[] arguments) => CliRunner.RunAsync(fleet.Daemon, null, Ct, arguments);

    private int Logins() => fleet.Servers.Sum(s => s.Log.Split('\n').Count(l => l.Contains("Accepted publickey", StringComparison.Ordinal)));

    [Fact]
    public async Task Run_FoldsIdenticalOutput_ReportsDeadAndSlowApart_AndReusesShells()
    {
        var first = await RunAsync("run", "--category", "fleet-test", "-p", "16", "--timeout", "10", "--", "echo", "ok");
        Assert.True(first.Code == 1, first.ToString());
        Assert.Contains($"---------------- f[01-{FleetFixture.Healthy}] ({FleetFixture.Healthy})\nok\n", first.Out, StringComparison.Ordinal);
        Assert.Contains($"{FleetFixture.Healthy + 2} hosts: {FleetFixture.Healthy} ok, 0 failed, 1 unreachable, 1 timed out, 0 cancelled", first.Out, StringComparison.Ordinal);
        Assert.Contains("unreachable (1): dead", first.Error, StringComparison.Ordinal);
        Assert.Contains("Connection refused", first.Error, StringComparison.Ordinal);
        Assert.Contains("timeout (1): slow", first.Error, StringComparison.Ordinal);

        // The shells stayed warm: a second run logs in nowhere again.
        var logins = Logins();
        var second = await RunAsync("run", "--connection", "f*", "--", "echo", "$SSH_CONNECTION", "|", "awk", "'{print int($4 / 2) % 2}'");
        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal(logins, Logins());
        Assert.Equal(2, second.Out.Split('\n').Count(l => l.StartsWith("---------------- f", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Script_RunsWithItsShebang_ExitCodesFoldApart_AndSharedShellStateIsUntouched()
    {
        var script = _directory.Combine("probe.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\ncd /\nexport LEAK=1\necho \"script in $(pwd)\"\nexit 3\n", Ct);
        var run = await RunAsync("run", "--connection", "f0[1-5]", "--script", script);
        Assert.Equal(1, run.Code);
        Assert.Contains("---------------- f[01-05] (5) exit code 3\nscript in /\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("5 hosts: 0 ok, 5 failed", run.Out, StringComparison.Ordinal);

        var id = Assert.Single(await fleet.Client.QueryAsync("**", "f01", "ssh", Ct));
        var state = await fleet.Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = id, ["command"] = "echo \"${LEAK:-none} $(ls /tmp/rampart-run-* 2>/dev/null | wc -l)\"" }, Ct);
        Assert.Equal("none 0", state!["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_StreamsOneObjectPerHost_ThenTheSummary()
    {
        var run = await RunAsync("run", "--connection", "f1*", "--json", "--", "echo", "hi");
        Assert.True(run.Code == 0, run.ToString());
        var lines = run.Out.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        var hosts = lines.Where(l => l["status"] is not null).ToList();
        Assert.Equal(10, hosts.Count);
        Assert.All(hosts, h => Assert.Equal(("ok", 0, "hi"), (h["status"]!.GetValue<string>(), h["exitCode"]!.GetValue<int>(), h["stdout"]!.GetValue<string>())));
        Assert.Equal(10, lines[^1]["summary"]!["ok"]!.GetValue<int>());
    }

    [Fact]
    public async Task HttpJob_CanBeFollowedAndCancelled_AndShellsStayUsable()
    {
        var started = await fleet.Client.CallAsync("/fleet/exec", new JsonObject { ["connectionFilter"] = "f2*", ["command"] = "sleep 30", ["parallel"] = 4 }, Ct);
        var job = started!["job"]!.GetValue<string>();
        Assert.Equal("running", started["state"]!.GetValue<string>());
        await Task.Delay(1500, Ct);
        await fleet.Client.CallAsync("/fleet/cancel", new JsonObject { ["job"] = job }, Ct);

        JsonNode? status = null;
        for (var i = 0; i < 100 && status?["state"]?.GetValue<string>() != "cancelled"; i++)
        {
            await Task.Delay(100, Ct);
            status = await fleet.Client.CallAsync("/fleet/job", new JsonObject { ["job"] = job }, Ct);
        }

        Assert.Equal("cancelled", status!["state"]!.GetValue<string>());
        Assert.Equal(10, status["cancelled"]!.GetValue<int>());
        Assert.Equal(10, status["results"]!.AsArray().Count);

        var after = await fleet.Client.PostAsync("/fleet/exec", new JsonObject { ["connectionFilter"] = "f2*", ["command"] = "echo after", ["stream"] = true }, Ct);
        var lines = Encoding.UTF8.GetString(after.Body).Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(10, lines.Count(l => l["stdout"]?.GetValue<string>() == "after"));

        Assert.Contains("Unknown fleet job", await fleet.Client.FailAsync("/fleet/job", new JsonObject { ["job"] = Guid.NewGuid().ToString() }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("exactly one", await fleet.Client.FailAsync("/fleet/exec", new JsonObject { ["connectionFilter"] = "f*" }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("Name the hosts", await fleet.Client.FailAsync("/fleet/exec", new JsonObject { ["command"] = "true" }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("No shell connection", await fleet.Client.FailAsync("/fleet/exec", new JsonObject { ["command"] = "true", ["connectionFilter"] = "nothing-*" }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("parallel", await fleet.Client.FailAsync("/fleet/exec", new JsonObject { ["command"] = "true", ["connectionFilter"] = "f*", ["parallel"] = 0 }, 400, Ct), StringComparison.Ordinal);
    }
}
