using System.Diagnostics;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>The local machine's persistent shell through /shell/*, as XPipe clients use it.</summary>
public sealed class LocalShellTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    private async Task<JsonObject> StartAsync() =>
        (await Client.CallAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, Ct))!.AsObject();

    private async Task<(int Code, string Out, string Err)> ExecAsync(string command)
    {
        await StartAsync();
        var json = await Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = command }, Ct);
        return (json!["exitCode"]!.GetValue<int>(), json["stdout"]!.GetValue<string>(), json["stderr"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_ReturnsExactlyXpipesFiveFields()
    {
        var info = await StartAsync();
        Assert.Equal(["osName", "osType", "shellDialect", "temp", "ttyState"], info.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("linux", info["osType"]!.GetValue<string>());
        Assert.Equal("none", info["ttyState"]!.GetValue<string>());
        Assert.Contains(info["shellDialect"]!.GetValue<string>(), new[] { "bash", "sh", "dash" });
        Assert.True(Directory.Exists(info["temp"]!.GetValue<string>()));
        var state = (await Client.InfoAsync(LocalMachine, Ct))["state"]!;
        Assert.Equal("linux", state["osType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exec_EchoHelloWorld_IsExactlyWhatPythonExpects()
    {
        await StartAsync();
        var json = await Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "echo hello world" }, Ct);
        Assert.Equal("""{"exitCode":0,"stdout":"hello world","stderr":""}""", json!.ToJsonString());
    }

    [Fact]
    public async Task Exec_KeepsStdoutStderrAndExitCodeApart()
    {
        Assert.Equal((3, "out", "err"), await ExecAsync("echo out; echo err >&2; (exit 3)"));
        var (code, _, stderr) = await ExecAsync("no-such-command-xyz");
        Assert.Equal(127, code);
        Assert.Contains("not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_StatePersistsBetweenCommands()
    {
        await ExecAsync("cd /usr; RAMPART_TEST_VAR=persisted");
        Assert.Equal((0, "/usr persisted", ""), await ExecAsync("echo \"$(pwd) $RAMPART_TEST_VAR\""));
        await ExecAsync("cd ~");
    }

    [Theory]
    [InlineData("printf 'no newline'", "no newline")]
    [InlineData("printf 'two\\n\\n'", "two\n")]
    [InlineData("printf '\\n'", "")]
    [InlineData("printf '__RAMPART_END_0123 0\\n'", "__RAMPART_END_0123 0")]
    [InlineData("echo \"it's 'quoted' \\\"twice\\\"\"", "it's 'quoted' \"twice\"")]
    [InlineData("printf 'tab\\there ünïcødé ✓'", "tab\there ünïcødé ✓")]
    public async Task Exec_ReturnsOutputExactly(string command, string expected)
    {
        Assert.Equal((0, expected, ""), await ExecAsync(command));
    }

    [Fact]
    public async Task Exec_SyntaxErrorsAndStdinReadsDoNotBreakTheSession()
    {
        var (code, _, stderr) = await ExecAsync("if then fi '");
        Assert.NotEqual(0, code);
        Assert.Contains("syntax error", stderr, StringComparison.Ordinal);
        Assert.Equal((0, "", ""), await ExecAsync("cat"));
        Assert.Equal((1, "", ""), await ExecAsync("read line"));
        Assert.Equal((0, "alive", ""), await ExecAsync("echo alive"));
    }

    [Fact]
    public async Task Exec_LargeOutput_ComesBackWhole()
    {
        var (code, stdout, _) = await ExecAsync("head -c 3000000 /dev/zero | tr '\\0' 'x'");
        Assert.Equal(0, code);
        Assert.Equal(3_000_000, stdout.Length);
    }

    [Fact]
    public async Task Exec_ConcurrentCommands_QueueInOrderOnOneShell()
    {
        await StartAsync();
        var calls = Enumerable.Range(0, 20).Select(i =>
            Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = $"echo {i}; echo e{i} >&2" }, Ct));
        var results = await Task.WhenAll(calls);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), results[i]!["stdout"]!.GetValue<string>());
            Assert.Equal($"e{i}", results[i]!["stderr"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Exec_Timeout_Is500AndTheShellStaysUsable()
    {
        await ExecAsync("TIMEOUT_MARK=kept");
        var started = Stopwatch.StartNew();
        var message = await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "sleep 60", ["timeout"] = 1 }, 500, Ct);
        Assert.Contains("did not finish within 1 s", message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), started.Elapsed.ToString());
        Assert.Equal((0, "kept", ""), await ExecAsync("echo $TIMEOUT_MARK"));
        await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "true", ["timeout"] = "soon" }, 400, Ct);
    }

    [Fact]
    public async Task ClientGoneMidExec_InterruptsTheCommand_AndTheQueueMovesOn()
    {
        await ExecAsync("GONE_MARK=kept; rm -f /tmp/rampart-gone-test");
        using (var abandon = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            abandon.CancelAfter(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Daemon.PostAsync("/shell/exec",
                new JsonObject { ["connection"] = LocalMachine, ["command"] = "sleep 30; touch /tmp/rampart-gone-test" }, Client.Token, abandon.Token));
        }

        // Were the sleep still running, this would wait for it; it does not, and the rest of the command never ran.
        var started = Stopwatch.StartNew();
        Assert.Equal((0, "kept", ""), await ExecAsync("echo $GONE_MARK"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), started.Elapsed.ToString());
        Assert.False(File.Exists("/tmp/rampart-gone-test"));
    }

    [Fact]
    public async Task ShellThatExits_Is500_ThenStartOpensAFreshOne()
    {
        await StartAsync();
        var message = await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "echo bye >&2; exit 4" }, 500, Ct);
        Assert.Contains("ended", message, StringComparison.Ordinal);
        Assert.Contains("No active shell session", await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "true" }, 400, Ct), StringComparison.Ordinal);
        Assert.Equal((0, "again", ""), await ExecAsync("echo again"));
    }

    [Fact]
    public async Task StopThenExec_Is400_AndStartAgainWorks()
    {
        await StartAsync();
        await Client.CallAsync("/shell/stop", new JsonObject { ["connection"] = LocalMachine }, Ct);
        Assert.Equal($"No active shell session known for id {LocalMachine}",
            await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "true" }, 400, Ct));
        await Client.FailAsync("/shell/stop", new JsonObject { ["connection"] = LocalMachine }, 400, Ct);
        Assert.Equal((0, "back", ""), await ExecAsync("echo back"));
    }

    [Fact]
    public async Task Start_OnUnknownOrNonShellConnections_Is400()
    {
        Assert.Contains("Unknown connection", await Client.FailAsync("/shell/start", new JsonObject { ["connection"] = Guid.NewGuid().ToString() }, 400, Ct), StringComparison.Ordinal);
        var identity = await Client.AddAsync("shell-test-identity", new JsonObject { ["type"] = "localIdentity", ["username"] = "u" }, Ct);
        Assert.Equal("Not a shell connection", await Client.FailAsync("/shell/start", new JsonObject { ["connection"] = identity }, 400, Ct));
        var nested = await Client.AddAsync("shell-test-nested-in-service", new JsonObject { ["type"] = "customServiceGroup", ["parent"] = LocalMachine }, Ct);
        Assert.Equal("Not a shell connection", await Client.FailAsync("/shell/start", new JsonObject { ["connection"] = nested }, 400, Ct));

        // An ssh host nobody listens on: a 500 that says what ssh said.
        var unreachable = await Client.AddAsync("shell-test-unreachable", new JsonObject { ["type"] = "ssh", ["host"] = "127.0.0.1", ["port"] = FreePort.Next() }, Ct);
        Assert.Contains("Connection refused", await Client.FailAsync("/shell/start", new JsonObject { ["connection"] = unreachable }, 500, Ct), StringComparison.Ordinal);
    }
}
