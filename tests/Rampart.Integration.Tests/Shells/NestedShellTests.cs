using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>shellEnvironment: a nested shell inside the local machine's or an ssh host's shell.</summary>
public sealed class NestedShellTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    private async Task<string> AddNestedAsync(string name, string host, JsonObject extra)
    {
        var data = new JsonObject { ["type"] = "shellEnvironment", ["host"] = host };
        foreach (var (key, value) in extra)
        {
            data[key] = value?.DeepClone();
        }

        return await Client.AddAsync(name, data, Ct);
    }

    private async Task<JsonNode> ExecAsync(string connection, string command) =>
        (await Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = connection, ["command"] = command }, Ct))!;

    [Fact]
    public async Task LocalNestedShell_RunsItsStartCommands_AndKeepsTheirEffects()
    {
        var nested = await AddNestedAsync("nested-dash", LocalMachine, new JsonObject { ["shell"] = "dash", ["commands"] = "export NESTED_MARK=from-init; cd /usr" });
        var info = (await Client.CallAsync("/shell/start", new JsonObject { ["connection"] = nested }, Ct))!;
        Assert.Equal("dash", info["shellDialect"]!.GetValue<string>());
        Assert.Equal("from-init /usr", (await ExecAsync(nested, "echo \"$NESTED_MARK $(pwd)\""))["stdout"]!.GetValue<string>());

        var message = await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = nested, ["command"] = "sleep 60", ["timeout"] = 1 }, 500, Ct);
        Assert.Contains("did not finish", message, StringComparison.Ordinal);
        Assert.Equal("from-init", (await ExecAsync(nested, "echo $NESTED_MARK"))["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailingStartCommands_Are500_AndNoShellIsKept()
    {
        var nested = await AddNestedAsync("nested-failing", LocalMachine, new JsonObject { ["shell"] = "sh", ["commands"] = "echo broken >&2; false" });
        var message = await Client.FailAsync("/shell/start", new JsonObject { ["connection"] = nested }, 500, Ct);
        Assert.Contains("broken", message, StringComparison.Ordinal);
        await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = nested, ["command"] = "true" }, 400, Ct);
    }

    [Fact]
    public async Task ElevatedWithoutAUsableSudo_FailsClearly_AndUnsupportedShellsSaySo()
    {
        var elevated = await AddNestedAsync("nested-elevated", LocalMachine, new JsonObject { ["shell"] = "sh", ["elevated"] = true });
        var response = await Client.PostAsync("/shell/start", new JsonObject { ["connection"] = elevated }, Ct);
        if (File.Exists("/usr/bin/sudo"))
        {
            // As root, sudo -n needs no password: the nested shell simply works.
            Assert.Equal(200, response.Status);
        }
        else
        {
            Assert.Equal(500, response.Status);
            Assert.Contains("sudo", response.Message, StringComparison.Ordinal);
        }

        var fish = await AddNestedAsync("nested-fish", LocalMachine, new JsonObject { ["shell"] = "fish" });
        Assert.Contains("not supported", await Client.FailAsync("/shell/start", new JsonObject { ["connection"] = fish }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingOrChangingAConnection_EndsItsShell()
    {
        var changed = await AddNestedAsync("nested-changes", LocalMachine, new JsonObject { ["shell"] = "sh", ["commands"] = "export MARK=old" });
        await Client.CallAsync("/shell/start", new JsonObject { ["connection"] = changed }, Ct);
        var pid = (await ExecAsync(changed, "echo $$"))["stdout"]!.GetValue<string>();

        // Same name and type, new data: the entry is updated, and its shell (still on the old data) is ended.
        Assert.Equal(changed, await AddNestedAsync("nested-changes", LocalMachine, new JsonObject { ["shell"] = "sh", ["commands"] = "export MARK=new" }));
        Assert.Contains("No active shell session", await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = changed, ["command"] = "true" }, 400, Ct), StringComparison.Ordinal);
        Assert.False(Directory.Exists("/proc/" + pid));
        await Client.CallAsync("/shell/start", new JsonObject { ["connection"] = changed }, Ct);
        Assert.Equal("new", (await ExecAsync(changed, "echo $MARK"))["stdout"]!.GetValue<string>());

        pid = (await ExecAsync(changed, "echo $$"))["stdout"]!.GetValue<string>();
        await Client.CallAsync("/connection/remove", new JsonObject { ["connections"] = new JsonArray(changed) }, Ct);
        Assert.False(Directory.Exists("/proc/" + pid));
        await Client.FailAsync("/shell/exec", new JsonObject { ["connection"] = changed, ["command"] = "true" }, 400, Ct);
    }
}
