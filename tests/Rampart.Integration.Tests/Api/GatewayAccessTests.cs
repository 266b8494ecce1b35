using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Api;

/// <summary>
/// An API key reaches the fleet, not the gateway: without <c>mayRunOnGateway</c> it cannot run commands or touch files
/// on the daemon's own machine (which holds the vault key) by any route.
/// </summary>
public sealed class GatewayAccessTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ApiClient> KeyAsync(string name, bool mayRunOnGateway)
    {
        var created = await fixture.Client.CallAsync("/rampart/apikey/create", new JsonObject { ["name"] = name, ["mayRunOnGateway"] = mayRunOnGateway }, Ct);
        Assert.Equal(mayRunOnGateway, created!["mayRunOnGateway"]!.GetValue<bool>());
        var session = await fixture.Daemon.PostAsync("/handshake", new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "ApiKey", ["key"] = created["key"]!.GetValue<string>() },
            ["client"] = new JsonObject { ["type"] = "Api", ["name"] = name },
        }, null, Ct);
        return new ApiClient(fixture.Daemon, session.Json!["sessionToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlainKey_IsRefusedTheGateway_EveryWay_ButNotTheFleet()
    {
        var key = await KeyAsync("fleet-only", mayRunOnGateway: false);
        var owner = fixture.Client;
        await owner.CallAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, Ct);
        var nested = await owner.AddAsync("gateway-nested", new JsonObject { ["type"] = "shellEnvironment", ["host"] = LocalMachine, ["shell"] = "sh" }, Ct);

        Assert.Contains("the gateway itself", await key.FailAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, 403, Ct), StringComparison.Ordinal);
        await key.FailAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "id" }, 403, Ct);
        await key.FailAsync("/shell/start", new JsonObject { ["connection"] = nested }, 403, Ct);
        await key.FailAsync("/fs/read", new JsonObject { ["connection"] = LocalMachine, ["path"] = "/etc/hostname" }, 403, Ct);
        await key.FailAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "deleteFile", ["ref"] = LocalMachine, ["files"] = new JsonArray("/tmp/nothing") } }, 403, Ct);
        await key.FailAsync("/fleet/exec", new JsonObject { ["connectionFilter"] = "local machine", ["command"] = "id" }, 403, Ct);
        await key.FailAsync("/connection/add", new JsonObject
        {
            ["name"] = "own-config", ["validate"] = true,
            ["data"] = new JsonObject { ["type"] = "sshConfigHost", ["host"] = "x", ["file"] = "/tmp/planted-config" },
        }, 403, Ct);
        await key.FailAsync("/shell/stop", new JsonObject { ["connection"] = LocalMachine }, 403, Ct);

        // A key file on the gateway is the gateway's credential, even inside an ssh connection.
        var keyFile = (await key.CallAsync("/secret/encrypt", new JsonObject { ["value"] = """{"type":"file","file":"/root/.ssh/id_ed25519"}""" }, Ct))!["encrypted"]!;
        var borrowed = await key.AddAsync("borrowed-key", new JsonObject
        {
            ["type"] = "ssh", ["host"] = "127.0.0.1", ["port"] = FreePort.Next(),
            ["identity"] = new JsonObject { ["type"] = "inPlace", ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["sshIdentity"] = keyFile.DeepClone() } },
        }, Ct);
        Assert.Contains("key files of", await key.FailAsync("/shell/start", new JsonObject { ["connection"] = borrowed }, 403, Ct), StringComparison.Ordinal);

        // Remote hosts stay open to it: this one fails to connect (500), it is not refused.
        var remote = await key.AddAsync("fleet-host", new JsonObject { ["type"] = "ssh", ["host"] = "127.0.0.1", ["port"] = FreePort.Next() }, Ct);
        Assert.Contains("Connection refused", await key.FailAsync("/shell/start", new JsonObject { ["connection"] = remote }, 500, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyOfABastionAccount_NeedsADaemonWithABastion()
    {
        var message = await fixture.Client.FailAsync("/rampart/apikey/create", new JsonObject { ["name"] = "no-bastion", ["account"] = "alice" }, 400, Ct);
        Assert.Contains("This daemon runs no bastion", message, StringComparison.Ordinal);
        var keys = await fixture.Client.CallAsync("/rampart/apikey/list", new JsonObject(), Ct);
        Assert.DoesNotContain(keys!["keys"]!.AsArray(), k => k!["name"]!.GetValue<string>() == "no-bastion");
    }

    [Fact]
    public async Task KeyWithTheRight_RunsOnTheGateway()
    {
        var key = await KeyAsync("gateway-admin", mayRunOnGateway: true);
        await key.CallAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, Ct);
        var result = await key.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "echo allowed" }, Ct);
        Assert.Equal("allowed", result!["stdout"]!.GetValue<string>());
    }
}
