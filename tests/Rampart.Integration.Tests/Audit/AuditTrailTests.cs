using System.Diagnostics;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Audit;

/// <summary>Every request lands on the hash-chained audit trail; an edited or deleted record is found by verify.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private DaemonProcess _daemon = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _daemon = await DaemonProcess.StartAsync(Ct);

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();

    private Task<CliRunner.Result> CliAsync(params string[] arguments) => CliRunner.RunAsync(_daemon, null, Ct, arguments);

    private static async Task<List<JsonNode>> RecordsAsync(ApiClient client, JsonObject query)
    {
        var answer = await client.CallAsync("/rampart/audit/query", query, Ct);
        return [.. answer!["records"]!.AsArray().Select(r => r!)];
    }

    [Fact]
    public async Task AllowedDeniedAndRejected_AreRecorded_WithTheCommand_AndTheChainVerifies()
    {
        var client = await _daemon.ConnectAsync(Ct);
        await client.CallAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, Ct);
        await client.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "echo audited" }, Ct);
        await client.FailAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray("not-a-uuid") }, 400, Ct);
        Assert.Equal(403, (await _daemon.PostAsync("/connection/query", new JsonObject(), "forged-token", Ct)).Status);
        Assert.Equal(400, (await _daemon.PostAsync("/handshake", new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "ApiKey", ["key"] = "wrong" },
            ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "intruder" },
        }, null, Ct)).Status);
        await client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = "never-in-the-audit-trail" }, Ct);

        var exec = Assert.Single(await RecordsAsync(client, new JsonObject { ["action"] = "/shell/exec" }));
        Assert.Equal(("local", "ok", $"connection={LocalMachine}"), (exec["actor"]!.GetValue<string>(), exec["outcome"]!.GetValue<string>(), exec["target"]!.GetValue<string>()));
        Assert.Contains("command: echo audited", exec["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await RecordsAsync(client, new JsonObject { ["action"] = "/connection/info", ["outcome"] = "rejected" }));
        Assert.Single(await RecordsAsync(client, new JsonObject { ["action"] = "/connection/query", ["outcome"] = "denied" }));
        Assert.Single(await RecordsAsync(client, new JsonObject { ["action"] = "/handshake", ["outcome"] = "denied" }));
        Assert.DoesNotContain("never-in-the-audit-trail", (await client.CallAsync("/rampart/audit/query", new JsonObject { ["limit"] = 1000 }, Ct))!.ToJsonString(), StringComparison.Ordinal);

        var verify = await CliAsync("audit", "verify");
        Assert.True(verify.Code == 0, verify.ToString());
        Assert.StartsWith("intact: ", verify.Out, StringComparison.Ordinal);
        var tail = await CliAsync("audit", "tail", "-n", "50");
        Assert.Contains("/shell/exec", tail.Out, StringComparison.Ordinal);

        // Only the machine's owner reads the trail.
        var created = await client.CallAsync("/rampart/apikey/create", new JsonObject { ["name"] = "auditor-attempt" }, Ct);
        var keyToken = (await _daemon.PostAsync("/handshake", new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "ApiKey", ["key"] = created!["key"]!.GetValue<string>() },
            ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "x" },
        }, null, Ct)).Json!["sessionToken"]!.GetValue<string>();
        Assert.Equal(403, (await _daemon.PostAsync("/rampart/audit/query", new JsonObject(), keyToken, Ct)).Status);
    }

    [Theory]
    [InlineData("UPDATE audit SET target = 'connection=elsewhere' WHERE sequence = 3", "record 3 was changed after it was written")]
    [InlineData("DELETE FROM audit WHERE sequence = 2", "record 2 is missing")]
    public async Task TamperingWithTheDatabase_IsDetected(string tampering, string problem)
    {
        var client = await _daemon.ConnectAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            await client.QueryAsync("**", "*", "*", Ct);
        }

        await _daemon.StopAsync(Ct);
        var stopped = await QueryAsync(Path.Combine(_daemon.DataDirectory, "rampart.db"), "SELECT action FROM audit ORDER BY sequence DESC LIMIT 1");
        Assert.Equal("daemon stop", stopped.Trim());
        await SqliteAsync(Path.Combine(_daemon.DataDirectory, "rampart.db"),
            $"DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {tampering};");
        await _daemon.StartAsync(cancellationToken: Ct);

        var verify = await CliAsync("audit", "verify");
        Assert.Equal(1, verify.Code);
        Assert.Contains(problem, verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTrail_RefusesUpdatesAndDeletes_ThroughSqlite()
    {
        await _daemon.StopAsync(Ct);
        var error = await SqliteAsync(Path.Combine(_daemon.DataDirectory, "rampart.db"), "DELETE FROM audit;", check: false);
        Assert.Contains("append-only", error, StringComparison.Ordinal);
        await _daemon.StartAsync(cancellationToken: Ct);
    }

    /// <summary>Edits the database the way someone with file access would: with Python's sqlite3, no Rampart involved.</summary>
    private static async Task<string> SqliteAsync(string database, string sql, bool check = true) =>
        (await PythonAsync("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", database, sql, check)).Error;

    /// <summary>A query's first column, one row a line, read the same way.</summary>
    private static async Task<string> QueryAsync(string database, string query) =>
        (await PythonAsync("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print('\\n'.join(str(r[0]) for r in c.execute(sys.argv[2])))", database, query, true)).Output;

    private static async Task<(string Output, string Error)> PythonAsync(string program, string database, string sql, bool check)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", program, database, sql })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(!check || process.ExitCode == 0, error);
        return (await output, error);
    }
}
