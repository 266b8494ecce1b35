using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Fleet;

/// <summary><c>rampart import</c> through the real CLI and daemon: every format, dry run, idempotency, bad lines.</summary>
public sealed class ImportCliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private Task<CliRunner.Result> RunAsync(string? stdin, params string[] arguments) => CliRunner.RunAsync(fixture.Daemon, stdin, Ct, arguments);

    private string Write(string name, string text)
    {
        var path = _directory.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task SshConfig_WithInclude_DryRunThenImportThenNothingToChange()
    {
        Write("conf.d/extra", "Host inc-a inc-b\n  HostName 192.0.2.10\nHost inc-b\n  HostName 192.0.2.11\n  Port 2200\n");
        var config = Write("config", $"Include {_directory.Combine("conf.d")}/*\nHost sc-web\n  HostName 192.0.2.1\n  Port 2222\n  User deploy\n  IdentityFile /keys/web\nHost *\n  User fallback\n");

        var dry = await RunAsync(null, "import", "ssh-config", config, "--category", "sc/eu", "--dry-run");
        Assert.True(dry.Code == 0, dry.ToString());
        Assert.Contains("+ sc-web", dry.Out, StringComparison.Ordinal);
        Assert.Contains("dry run, would be: 3 added", dry.Out, StringComparison.Ordinal);
        Assert.Empty(await fixture.Client.QueryAsync("**", "sc-web", "*", Ct));

        var import = await RunAsync(null, "import", "ssh-config", config, "--category", "sc/eu");
        Assert.True(import.Code == 0, import.ToString());
        Assert.Contains("3 added, 0 updated, 0 unchanged, 2 categories added", import.Out, StringComparison.Ordinal);
        Assert.Contains("Host * has only patterns", import.Error, StringComparison.Ordinal);

        var again = await RunAsync(null, "import", "ssh-config", config, "--category", "sc/eu");
        Assert.Contains("0 added, 0 updated, 3 unchanged, 0 categories added (nothing to change)", again.Out, StringComparison.Ordinal);

        var id = Assert.Single(await fixture.Client.QueryAsync("**/sc/eu", "sc-web", "ssh", Ct));
        var raw = (await fixture.Client.InfoAsync(id, Ct))["rawData"]!;
        Assert.Equal(("192.0.2.1", 2222), (raw["host"]!.GetValue<string>(), raw["port"]!.GetValue<int>()));
        Assert.Equal("deploy", raw["identity"]!["identityStore"]!["username"]!.GetValue<string>());
        var incB = Assert.Single(await fixture.Client.QueryAsync("**", "inc-b", "ssh", Ct));
        Assert.Equal("192.0.2.10", (await fixture.Client.InfoAsync(incB, Ct))["rawData"]!["host"]!.GetValue<string>());
    }

    [Fact]
    public async Task Csv_BadLine_ImportsNothing_ThenSkipErrorsImportsTheRest()
    {
        var csv = Write("hosts.csv", "host,name,port\n192.0.2.20,csv-good,22\n192.0.2.21,csv-bad,notaport\n");
        var failed = await RunAsync(null, "import", "csv", csv);
        Assert.Equal(1, failed.Code);
        Assert.Contains("hosts.csv:3", failed.Error, StringComparison.Ordinal);
        Assert.Single(failed.Error.Trim().Split('\n'));
        Assert.Empty(await fixture.Client.QueryAsync("**", "csv-good", "*", Ct));

        var skipped = await RunAsync(null, "import", "csv", csv, "--skip-errors");
        Assert.True(skipped.Code == 0, skipped.ToString());
        Assert.Contains("skipped: ", skipped.Error, StringComparison.Ordinal);
        Assert.Single(await fixture.Client.QueryAsync("**", "csv-good", "*", Ct));
    }

    [Fact]
    public async Task AnsibleAndJson_FromStdinAndFiles()
    {
        var ansible = await RunAsync("[ans_web]\nans-web[1:3].example ansible_port=2200\n", "import", "ansible", "-", "--category", "ans");
        Assert.True(ansible.Code == 0, ansible.ToString());
        Assert.Contains("3 added", ansible.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await fixture.Client.QueryAsync("**/ans/ans_web", "ans-web*", "ssh", Ct)).Count);
        Assert.Contains("2 line(s) failed", (await RunAsync("[x]\nans-a ansible_host=192.0.2.31\nans-b ansible_host=192.0.2.31\nans-c ansible_host=192.0.2.31\n", "import", "ansible", "-")).Error, StringComparison.Ordinal);

        var json = Write("hosts.json", """[{"name": "json-1", "host": "192.0.2.40", "port": 2201}, {"name": "json-2", "host": "192.0.2.41", "category": "js/x"}]""");
        var imported = await RunAsync(null, "import", "json", json, "--json");
        Assert.True(imported.Code == 0, imported.ToString());
        var answer = JsonNode.Parse(imported.Out)!;
        Assert.Equal(2, answer["added"]!.AsArray().Count);
        Assert.True(answer["applied"]!.GetValue<bool>());

        var unknown = await RunAsync(null, "import", "xml", json);
        Assert.Equal(2, unknown.Code);
        var missing = await RunAsync(null, "import", "csv", _directory.Combine("absent.csv"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("cannot read", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpImport_BadFormatAndFields_Are400()
    {
        Assert.Contains("Unknown import format", await fixture.Client.FailAsync("/connection/import", new JsonObject { ["format"] = "xml", ["text"] = "" }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("text", await fixture.Client.FailAsync("/connection/import", new JsonObject { ["format"] = "csv" }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("includes", await fixture.Client.FailAsync("/connection/import", new JsonObject { ["format"] = "ssh-config", ["text"] = "", ["includes"] = "x" }, 400, Ct), StringComparison.Ordinal);
    }
}

/// <summary>Export in every format, then re-import: nothing changes; the ssh config is one ssh itself reads.</summary>
public sealed class ExportCliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private Task<CliRunner.Result> RunAsync(string? stdin, params string[] arguments) => CliRunner.RunAsync(fixture.Daemon, stdin, Ct, arguments);

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("ansible")]
    [InlineData("ssh-config")]
    public async Task Export_ThenReimport_ChangesNothing(string format)
    {
        var prefix = "rt-" + format.Replace("-", "", StringComparison.Ordinal);
        var net = "198.51." + (Array.IndexOf(["csv", "json", "ansible", "ssh-config"], format) + 1);
        var csv = $"name,host,port,user,category,identity,gateway\n{prefix}-jump,{net}.50,22,ops,{prefix}/edge,/keys/jump,\n"
                  + $"{prefix}-app,{net}.51,2222,app,{prefix}/apps/eu,/keys/app key,{prefix}-jump\n{prefix}-bare,{net}.52,,,{prefix},,\n";
        var imported = await RunAsync(csv, "import", "csv", "-", "--category", "all connections");
        Assert.True(imported.Code == 0, imported.ToString());

        var file = _directory.Combine("export." + format);
        var exported = await RunAsync(null, "export", format, "--connection", prefix + "-*", "-o", file);
        Assert.True(exported.Code == 0, exported.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        // An ssh config carries no categories: re-imported, its hosts move (updated) but none is added.
        var again = await RunAsync(null, "import", format, file, "--category", "all connections");
        Assert.True(again.Code == 0, again.ToString());
        if (format == "ssh-config")
        {
            Assert.Contains("0 added", again.Out, StringComparison.Ordinal);
            var config = await File.ReadAllTextAsync(file, Ct);
            Assert.Contains($"Host {prefix}-app\n  HostName {net}.51\n  Port 2222\n  User app\n  IdentityFile \"/keys/app key\"\n  ProxyJump {prefix}-jump\n", config, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("0 added, 0 updated, 3 unchanged, 0 categories added (nothing to change)", again.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ExportedSshConfig_IsReadBySshItself()
    {
        await RunAsync("name,host,port,user\nssh-g,192.0.2.60,2200,probe\n", "import", "csv", "-");
        var file = _directory.Combine("config");
        Assert.Equal(0, (await RunAsync(null, "export", "ssh-config", "--connection", "ssh-g", "-o", file)).Code);
        var start = new System.Diagnostics.ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-G", "-F", file, "ssh-g" })
        {
            start.ArgumentList.Add(argument);
        }

        using var ssh = System.Diagnostics.Process.Start(start)!;
        var output = await ssh.StandardOutput.ReadToEndAsync(Ct);
        await ssh.WaitForExitAsync(Ct);
        Assert.Contains("hostname 192.0.2.60\n", output, StringComparison.Ordinal);
        Assert.Contains("port 2200\n", output, StringComparison.Ordinal);
        Assert.Contains("user probe\n", output, StringComparison.Ordinal);
    }
}
