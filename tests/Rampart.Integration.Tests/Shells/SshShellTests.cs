using System.Diagnostics;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>Shells on a real sshd through the OpenSSH client, with a key identity from the vault.</summary>
public sealed class SshShellTests : IAsyncLifetime
{
    private SshServer _server = null!;
    private DaemonProcess _daemon = null!;
    private ApiClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SshServer.StartAsync(Ct);
        _daemon = await DaemonProcess.StartAsync(Ct);
        _client = await _daemon.ConnectAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        await _server.DisposeAsync();
    }

    /// <summary>An ssh connection whose key comes from an identity entry holding the vault-encrypted key reference.</summary>
    private async Task<string> AddHostAsync(string name)
    {
        var keyInfo = new JsonObject { ["type"] = "file", ["file"] = _server.ClientKey, ["password"] = new JsonObject { ["type"] = "none" } }.ToJsonString();
        var encrypted = (await _client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = keyInfo }, Ct))!["encrypted"]!;
        var identity = await _client.AddAsync(name + "-identity", new JsonObject
        {
            ["type"] = "localIdentity", ["username"] = SshServer.User, ["password"] = null, ["sshIdentity"] = encrypted.DeepClone(),
        }, Ct);
        return await _client.AddAsync(name, new JsonObject
        {
            ["type"] = "ssh",
            ["host"] = "127.0.0.1",
            ["port"] = _server.Port,
            ["identity"] = new JsonObject { ["type"] = "ref", ["ref"] = identity },
        }, Ct);
    }

    private async Task<JsonNode> ExecAsync(string connection, string command) =>
        (await _client.CallAsync("/shell/exec", new JsonObject { ["connection"] = connection, ["command"] = command }, Ct))!;

    [Fact]
    public async Task KeyLogin_RunsCommandsWithStateAndSeparateStreams()
    {
        var host = await AddHostAsync("ssh-key-login");
        var info = (await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct))!;
        Assert.Equal("linux", info["osType"]!.GetValue<string>());
        Assert.Equal("""{"exitCode":0,"stdout":"hello world","stderr":""}""", (await ExecAsync(host, "echo hello world")).ToJsonString());
        await ExecAsync(host, "cd /usr && REMOTE_VAR=kept");
        var state = await ExecAsync(host, "echo \"$(pwd) $REMOTE_VAR\"; echo oops >&2; printf tail; exit_with() { return 5; }; exit_with");
        Assert.Equal("""{"exitCode":5,"stdout":"/usr kept\ntail","stderr":"oops"}""", state.ToJsonString());
        Assert.True(File.Exists(Path.Combine(_daemon.DataDirectory, "known_hosts")), "the host key was recorded on first use");
    }

    [Fact]
    public async Task Timeout_InterruptsTheRemoteCommand_AndTheShellStaysUsable()
    {
        var host = await AddHostAsync("ssh-timeout");
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct);
        await ExecAsync(host, "MARK=still-here");
        var started = Stopwatch.StartNew();
        var marker = $"/tmp/rampart-ssh-after-{Guid.NewGuid():N}";
        var message = await _client.FailAsync("/shell/exec", new JsonObject { ["connection"] = host, ["command"] = $"sleep 60; touch {marker}", ["timeout"] = 1 }, 500, Ct);
        Assert.Contains("did not finish", message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), started.Elapsed.ToString());
        Assert.Equal("still-here", (await ExecAsync(host, "echo $MARK"))["stdout"]!.GetValue<string>());
        Assert.False(File.Exists(marker), "the rest of the interrupted command line must not run");
    }

    [Fact]
    public async Task ServerKilledMidSession_Is500_ThenAFreshStartWorks()
    {
        var host = await AddHostAsync("ssh-killed");
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct);
        await _server.StopAsync();
        var response = await _client.PostAsync("/shell/exec", new JsonObject { ["connection"] = host, ["command"] = "echo gone" }, Ct);
        Assert.True(response.Status is 500 or 400, response.ToString());
        await _server.RestartAsync(Ct);
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct);
        Assert.Equal("back", (await ExecAsync(host, "echo back"))["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangedHostKey_IsRefusedWithAClearError()
    {
        var host = await AddHostAsync("ssh-hostkey");
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct);
        await _client.CallAsync("/shell/stop", new JsonObject { ["connection"] = host }, Ct);
        await _server.ReplaceHostKeyAsync(Ct);
        var message = await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = host }, 500, Ct);
        Assert.Contains("HOST IDENTIFICATION HAS CHANGED", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ValidateOnAdd_AddsAWorkingHost_AndRefusesABrokenOne()
    {
        var keyInfo = new JsonObject { ["type"] = "file", ["file"] = _server.ClientKey }.ToJsonString();
        var encrypted = (await _client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = keyInfo }, Ct))!["encrypted"]!;
        JsonObject Data(int port) => new()
        {
            ["type"] = "ssh", ["host"] = "127.0.0.1", ["port"] = port,
            ["identity"] = new JsonObject
            {
                ["type"] = "inPlace",
                ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["username"] = SshServer.User, ["sshIdentity"] = encrypted.DeepClone() },
            },
        };

        var good = await _client.CallAsync("/connection/add", new JsonObject { ["name"] = "validated", ["data"] = Data(_server.Port), ["validate"] = true }, Ct);
        var id = good!["connection"]!.GetValue<string>();
        await _client.CallAsync("/connection/refresh", new JsonObject { ["connection"] = id }, Ct);

        var message = await _client.FailAsync("/connection/add", new JsonObject { ["name"] = "broken", ["data"] = Data(FreePort.Next()), ["validate"] = true }, 500, Ct);
        Assert.Contains("Connection refused", message, StringComparison.Ordinal);
        Assert.Empty(await _client.QueryAsync("**", "broken", "*", Ct));

        await _server.StopAsync();
        await _client.FailAsync("/connection/refresh", new JsonObject { ["connection"] = id }, 500, Ct);
        await _server.RestartAsync(Ct);
    }

    private async Task<string> BlobAsync(byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_daemon.BaseUri, "/fs/blob")) { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("Authorization", _client.Token);
        var response = await _daemon.SendAsync(request, Ct);
        Assert.True(response.Status == 200, response.ToString());
        return response.Json!["blob"]!.GetValue<string>();
    }

    [Fact]
    public async Task Files_RoundTrip50MiBByteExact_AndScriptsRun()
    {
        var host = await AddHostAsync("ssh-files");
        var temp = (await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct))!["temp"]!.GetValue<string>();
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(50 * 1024 * 1024);
        var blob = await BlobAsync(bytes);
        var path = $"{temp}/rampart-ssh-file-{Guid.NewGuid():N}";
        await _client.CallAsync("/fs/write", new JsonObject { ["connection"] = host, ["blob"] = blob, ["path"] = path }, Ct);
        var read = await _client.PostAsync("/fs/read", new JsonObject { ["connection"] = host, ["path"] = path }, Ct);
        Assert.Equal(200, read.Status);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes), System.Security.Cryptography.SHA256.HashData(read.Body));
        await ExecAsync(host, $"rm -f '{path}'");

        const string script = "#!/bin/sh\necho hello world";
        var scriptPath = (await _client.CallAsync("/fs/script", new JsonObject { ["connection"] = host, ["blob"] = await BlobAsync(System.Text.Encoding.UTF8.GetBytes(script)) }, Ct))!["path"]!.GetValue<string>();
        Assert.Equal("hello world", (await ExecAsync(host, "\"" + scriptPath + "\""))["stdout"]!.GetValue<string>());
        Assert.Equal(script, (await ExecAsync(host, $"cat '{scriptPath}'"))["stdout"]!.GetValue<string>());

        var small = await BlobAsync("in home"u8.ToArray());
        var name = "rampart-ssh-home-" + Guid.NewGuid().ToString("N")[..8];
        await _client.CallAsync("/fs/write", new JsonObject { ["connection"] = host, ["blob"] = small, ["path"] = "~/" + name }, Ct);
        Assert.Equal("in home", (await ExecAsync(host, $"cat ~/{name} && rm ~/{name}"))["stdout"]!.GetValue<string>());

        Assert.Equal("File does not exist", await _client.FailAsync("/fs/read", new JsonObject { ["connection"] = host, ["path"] = "/no/such/file" }, 400, Ct));
        Assert.Contains("Cannot write", await _client.FailAsync("/fs/write", new JsonObject { ["connection"] = host, ["blob"] = small, ["path"] = "/no/such/dir/f" }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedShellOnAnSshHost_Works()
    {
        var host = await AddHostAsync("ssh-nested-host");
        var nested = await _client.AddAsync("ssh-nested", new JsonObject { ["type"] = "shellEnvironment", ["host"] = host, ["shell"] = "bash", ["commands"] = "NESTED=remote" }, Ct);
        var info = (await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = nested }, Ct))!;
        Assert.Equal("bash", info["shellDialect"]!.GetValue<string>());
        Assert.Equal("remote", (await ExecAsync(nested, "echo $NESTED"))["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task SshConfigHost_TakesEverythingFromItsConfigFile()
    {
        var config = _server.Home.Combine("ssh_config");
        await File.WriteAllTextAsync(config,
            $"Host rampart-alias\n  HostName 127.0.0.1\n  Port {_server.Port}\n  User {SshServer.User}\n  IdentityFile {_server.ClientKey}\n"
            + $"Host rampart-closed\n  HostName 127.0.0.1\n  Port {FreePort.Next()}\n", Ct);
        var host = await _client.AddAsync("from-config", new JsonObject { ["type"] = "sshConfigHost", ["host"] = "rampart-alias", ["file"] = config }, Ct);
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct);
        Assert.Equal("via config", (await ExecAsync(host, "echo via config"))["stdout"]!.GetValue<string>());

        var closed = await _client.AddAsync("closed-alias", new JsonObject { ["type"] = "sshConfigHost", ["host"] = "rampart-closed", ["file"] = config }, Ct);
        Assert.Contains("Connection refused", await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = closed }, 500, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_IsA500NamingTheFailure()
    {
        var host = await _client.AddAsync("ssh-no-key", new JsonObject { ["type"] = "ssh", ["host"] = "127.0.0.1", ["port"] = _server.Port, ["user"] = "nobody" }, Ct);
        var message = await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = host }, 500, Ct);
        Assert.Contains("Permission denied", message, StringComparison.Ordinal);
    }
}
