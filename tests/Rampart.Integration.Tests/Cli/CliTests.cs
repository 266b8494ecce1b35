using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Cli;

public sealed class CliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<CliRunner.Result> RunAsync(params string[] arguments) => CliRunner.RunAsync(fixture.Daemon, null, Ct, arguments);

    private static void AssertOneErrorLine(CliRunner.Result result, int code, string mentioned)
    {
        Assert.True(result.Code == code, result.ToString());
        var lines = result.Error.Trim().Split('\n');
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("rampart: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mentioned, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionQuery_ShowsTheLocalMachine_AsTableAndJson()
    {
        var table = await RunAsync("connection", "query");
        Assert.True(table.Code == 0, table.ToString());
        Assert.Contains(LocalMachine, table.Out, StringComparison.Ordinal);
        Assert.Contains("local machine", table.Out, StringComparison.Ordinal);

        var json = await RunAsync("connection", "query", "--connection", "local machine", "--json");
        Assert.True(json.Code == 0, json.ToString());
        var infos = JsonNode.Parse(json.Out)!["infos"]!.AsArray();
        Assert.Equal(LocalMachine, Assert.Single(infos)!["connection"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConnectionAddInfoRemove_ByName()
    {
        var add = await RunAsync("connection", "add", "cli-web1", "--type", "ssh", "--host", "web1.example", "--port", "2222", "--user", "deploy");
        Assert.True(add.Code == 0, add.ToString());
        var id = add.Out.Trim();
        Assert.True(Guid.TryParse(id, out _), add.ToString());

        var info = await RunAsync("connection", "info", "cli-web1", "--json");
        Assert.True(info.Code == 0, info.ToString());
        var raw = JsonNode.Parse(info.Out)!["infos"]![0]!["rawData"]!;
        Assert.Equal("web1.example", raw["host"]!.GetValue<string>());
        Assert.Equal(2222, raw["port"]!.GetValue<int>());

        var remove = await RunAsync("connection", "remove", "cli-web1");
        Assert.True(remove.Code == 0, remove.ToString());
        AssertOneErrorLine(await RunAsync("connection", "info", id), 1, "Unknown connection");
    }

    [Fact]
    public async Task ConnectionAdd_FromJsonData_AndInvalidData()
    {
        var add = await RunAsync("connection", "add", "cli-json", "--data", """{"type":"ssh","host":"json.example"}""");
        Assert.True(add.Code == 0, add.ToString());
        AssertOneErrorLine(await RunAsync("connection", "add", "cli-bad", "--data", """{"type":"ssh","host":"-oProxyCommand=x"}"""), 1, "host");
    }

    [Fact]
    public async Task Category_AddQueryInfo()
    {
        var add = await RunAsync("category", "add", "CliCat", "--parent", "Default");
        Assert.True(add.Code == 0, add.ToString());
        var query = await RunAsync("category", "query", "default/clicat", "--json");
        Assert.True(query.Code == 0, query.ToString());
        Assert.Contains(add.Out.Trim(), query.Out, StringComparison.Ordinal);
        var connection = await RunAsync("connection", "add", "cli-in-cat", "--type", "ssh", "--host", "cat.example", "--category", "default/clicat");
        Assert.True(connection.Code == 0, connection.ToString());
        var listed = await RunAsync("connection", "query", "--category", "default/clicat");
        Assert.Contains("cli-in-cat", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_EncryptFromStdin_DecryptBack()
    {
        var encrypt = await CliRunner.RunAsync(fixture.Daemon, "pa$$ word ✓", Ct, "secret", "encrypt");
        Assert.True(encrypt.Code == 0, encrypt.ToString());
        Assert.DoesNotContain("pa$$", encrypt.Out, StringComparison.Ordinal);
        var decrypt = await CliRunner.RunAsync(fixture.Daemon, encrypt.Out, Ct, "secret", "decrypt");
        Assert.True(decrypt.Code == 0, decrypt.ToString());
        Assert.Equal("pa$$ word ✓", decrypt.Out.TrimEnd('\n'));
    }

    [Fact]
    public async Task ApiKey_CreateListRevoke()
    {
        var create = await RunAsync("apikey", "create", "cli-key");
        Assert.True(create.Code == 0, create.ToString());
        var key = create.Out.Trim();
        Assert.StartsWith("rampart_", key, StringComparison.Ordinal);
        var list = await RunAsync("apikey", "list");
        Assert.Contains("cli-key", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("apikey", "revoke", "cli-key")).Code);
        AssertOneErrorLine(await RunAsync("apikey", "revoke", "cli-key"), 1, "Unknown API key");
    }

    [Fact]
    public async Task Exec_PassesStreamsAndTheExitCodeThrough()
    {
        var result = await RunAsync("exec", "local machine", "--", "echo out; echo err >&2; (exit 3)");
        Assert.Equal(3, result.Code);
        Assert.Equal("out\n", result.Out);
        Assert.Equal("err\n", result.Error);

        var joined = await RunAsync("exec", LocalMachine, "--", "printf", "%s-%s", "a", "b");
        Assert.True(joined.Code == 0, joined.ToString());
        Assert.Equal("a-b\n", joined.Out);
    }

    [Fact]
    public async Task Shell_StartExecStop()
    {
        var start = await RunAsync("shell", "start", "local machine", "--json");
        Assert.True(start.Code == 0, start.ToString());
        Assert.Equal("linux", JsonNode.Parse(start.Out)!["osType"]!.GetValue<string>());
        var exec = await RunAsync("shell", "exec", "local machine", "CLI_VAR=1; echo $CLI_VAR");
        Assert.Equal((0, "1\n"), (exec.Code, exec.Out));
        Assert.Equal(0, (await RunAsync("shell", "stop", "local machine")).Code);
        AssertOneErrorLine(await RunAsync("shell", "exec", "local machine", "true"), 1, "No active shell session");
        Assert.Equal(0, (await RunAsync("shell", "start", "local machine")).Code);
        AssertOneErrorLine(await RunAsync("shell", "exec", "local machine", "sleep 30", "--timeout", "0.5"), 1, "did not finish");
    }

    [Fact]
    public async Task Fs_WriteReadScript_ByteExact()
    {
        using var work = new TempDirectory();
        var local = work.Combine("random.bin");
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 1);
        await File.WriteAllBytesAsync(local, bytes, Ct);
        var remote = work.Combine("copy.bin");
        var write = await RunAsync("fs", "write", "local machine", remote, local);
        Assert.True(write.Code == 0, write.ToString());
        var back = work.Combine("back.bin");
        var read = await RunAsync("fs", "read", "local machine", remote, "-o", back);
        Assert.True(read.Code == 0, read.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(back, Ct));

        var fromStdin = await CliRunner.RunAsync(fixture.Daemon, "piped text", Ct, "fs", "write", "local machine", work.Combine("piped.txt"));
        Assert.True(fromStdin.Code == 0, fromStdin.ToString());
        Assert.Equal("piped text", (await RunAsync("fs", "read", "local machine", work.Combine("piped.txt"))).Out);

        var scriptFile = work.Combine("hello.sh");
        await File.WriteAllTextAsync(scriptFile, "#!/bin/sh\necho from script", Ct);
        var script = await RunAsync("fs", "script", "local machine", scriptFile);
        Assert.True(script.Code == 0, script.ToString());
        var run = await RunAsync("exec", "local machine", "--", "'" + script.Out.Trim() + "'");
        Assert.Equal("from script\n", run.Out);

        AssertOneErrorLine(await RunAsync("fs", "write", "local machine", remote, work.Combine("missing")), 2, "no such local file");
        AssertOneErrorLine(await RunAsync("fs", "read", "local machine", work.Combine("missing")), 1, "File does not exist");
    }

    [Fact]
    public async Task Errors_AreOneLineWithDistinctExitCodes()
    {
        AssertOneErrorLine(await RunAsync("connection", "info", "no-such-connection"), 1, "unknown connection");
        AssertOneErrorLine(await RunAsync("connection", "add", "x", "--type", "ssh", "--host", "h", "--port", "abc"), 2, "");
        AssertOneErrorLine(await RunAsync("frobnicate"), 2, "");
        AssertOneErrorLine(await CliRunner.RunAsync(null, null, Ct, "connection", "query"), 3, "");
    }
}
