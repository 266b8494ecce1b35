using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>A connection whose gateway is another ssh connection goes through it, chains included.</summary>
public sealed class SshGatewayTests : IAsyncLifetime
{
    private readonly List<SshServer> _servers = [];
    private DaemonProcess _daemon = null!;
    private ApiClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            _servers.Add(await SshServer.StartAsync(Ct));
        }

        _daemon = await DaemonProcess.StartAsync(Ct);
        _client = await _daemon.ConnectAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private async Task<string> AddAsync(string name, SshServer server, string? gateway)
    {
        var key = new JsonObject { ["type"] = "file", ["file"] = server.ClientKey }.ToJsonString();
        var encrypted = (await _client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = key }, Ct))!["encrypted"]!;
        var data = new JsonObject
        {
            ["type"] = "ssh",
            ["host"] = "127.0.0.1",
            ["port"] = server.Port,
            ["identity"] = new JsonObject
            {
                ["type"] = "inPlace",
                ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["username"] = SshServer.User, ["sshIdentity"] = encrypted.DeepClone() },
            },
        };
        if (gateway is not null)
        {
            data["gateway"] = gateway;
        }

        return await _client.AddAsync(name, data, Ct);
    }

    [Fact]
    public async Task ChainOfTwoGateways_IsFollowed_AndNeedsEveryHop()
    {
        var first = await AddAsync("jump-1", _servers[0], null);
        var second = await AddAsync("jump-2", _servers[1], first);
        var target = await AddAsync("behind-two", _servers[2], second);

        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = target }, Ct);
        var result = await _client.CallAsync("/shell/exec", new JsonObject { ["connection"] = target, ["command"] = "echo through" }, Ct);
        Assert.Equal("through", result!["stdout"]!.GetValue<string>());
        await _client.CallAsync("/shell/stop", new JsonObject { ["connection"] = target }, Ct);

        // With the first hop down, the target cannot be reached: the jump really goes through it.
        await _servers[0].StopAsync();
        var message = await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = target }, 500, Ct);
        Assert.Contains("Connection refused", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayLoop_IsRefusedClearly()
    {
        var a = await AddAsync("loop-a", _servers[0], null);
        var b = await AddAsync("loop-b", _servers[1], a);

        // Point a at b: a loop that validation on add cannot see, because b did not exist when a was added.
        var key = new JsonObject { ["type"] = "file", ["file"] = _servers[0].ClientKey }.ToJsonString();
        var encrypted = (await _client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = key }, Ct))!["encrypted"]!;
        await _client.AddAsync("loop-a", new JsonObject
        {
            ["type"] = "ssh", ["host"] = "127.0.0.1", ["port"] = _servers[0].Port, ["gateway"] = b,
            ["identity"] = new JsonObject
            {
                ["type"] = "inPlace",
                ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["username"] = SshServer.User, ["sshIdentity"] = encrypted.DeepClone() },
            },
        }, Ct);
        Assert.Contains("loop", await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = b }, 400, Ct), StringComparison.Ordinal);
    }
}
