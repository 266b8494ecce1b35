using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>
/// Logins that need more than a key file: passwords answered through <c>rampart askpass</c> with one-time tokens,
/// and private keys stored in the vault as key material, handed to ssh through Rampart's own agent.
/// </summary>
public sealed class SshLoginTests : IAsyncLifetime
{
    private SshServer _server = null!;
    private SshServer _gatewayServer = null!;
    private SystemUser? _user;
    private DaemonProcess _daemon = null!;
    private ApiClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SshServer.StartAsync(Ct, passwordLogins: true);
        _gatewayServer = await SshServer.StartAsync(Ct, passwordLogins: true);
        if (SystemUser.CanCreate)
        {
            _user = await SystemUser.CreateAsync(Ct);
        }

        _daemon = await DaemonProcess.StartAsync(Ct);
        _client = await _daemon.ConnectAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        await _server.DisposeAsync();
        await _gatewayServer.DisposeAsync();
        if (_user is not null)
        {
            await _user.DisposeAsync();
        }
    }

    private SystemUser RequireUser()
    {
        Assert.SkipWhen(_user is null, "password logins need a throwaway OS account, which only root can create");
        return _user!;
    }

    private async Task<JsonNode> EncryptAsync(string value) =>
        (await _client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = value }, Ct))!["encrypted"]!.DeepClone();

    private async Task<string> AddAsync(string name, SshServer server, string user, JsonObject secrets, string? gateway = null)
    {
        var identity = new JsonObject { ["type"] = "localIdentity", ["username"] = user };
        foreach (var (key, value) in secrets)
        {
            identity[key] = value!.DeepClone();
        }

        var data = new JsonObject
        {
            ["type"] = "ssh",
            ["host"] = "127.0.0.1",
            ["port"] = server.Port,
            ["identity"] = new JsonObject { ["type"] = "inPlace", ["identityStore"] = identity },
        };
        if (gateway is not null)
        {
            data["gateway"] = gateway;
        }

        return await _client.AddAsync(name, data, Ct);
    }

    private async Task<string> RunAsync(string connection, string command)
    {
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = connection }, Ct);
        var result = await _client.CallAsync("/shell/exec", new JsonObject { ["connection"] = connection, ["command"] = command }, Ct);
        Assert.Equal(0, result!["exitCode"]!.GetValue<int>());
        return result["stdout"]!.GetValue<string>();
    }

    [Fact]
    public async Task PasswordLogin_IsAnsweredThroughAskpass_AndThePasswordAppearsNowhere()
    {
        var user = RequireUser();
        var id = await AddAsync("by-password", _server, user.Name, new JsonObject { ["password"] = await EncryptAsync(user.Password) });

        Assert.Equal(user.Name, await RunAsync(id, "id -un"));

        // Not in the daemon's log, and not in any process's argv or environment while the shell runs.
        Assert.DoesNotContain(user.Password, _daemon.Log, StringComparison.Ordinal);
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            foreach (var file in new[] { "cmdline", "environ" })
            {
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(Path.Combine(process, file), Ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                Assert.DoesNotContain(user.Password, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task PasswordInXPipesStructuredForm_IsUnderstood()
    {
        var user = RequireUser();
        var structured = new JsonObject { ["type"] = "inPlace", ["value"] = user.Password }.ToJsonString();
        var id = await AddAsync("structured-password", _server, user.Name, new JsonObject { ["password"] = await EncryptAsync(structured) });

        Assert.Equal(user.Name, await RunAsync(id, "id -un"));
    }

    [Fact]
    public async Task WrongPassword_FailsWithSshsMessage_AndAddsNothingWithValidate()
    {
        var user = RequireUser();
        var id = await AddAsync("wrong-password", _server, user.Name, new JsonObject { ["password"] = await EncryptAsync("not-" + user.Password) });

        var message = await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = id }, 500, Ct);
        Assert.Contains("Permission denied", message, StringComparison.Ordinal);

        var data = new JsonObject
        {
            ["type"] = "ssh",
            ["host"] = "127.0.0.1",
            ["port"] = _server.Port,
            ["user"] = user.Name,
            ["identity"] = new JsonObject
            {
                ["type"] = "inPlace",
                ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["password"] = await EncryptAsync("wrong") },
            },
        };
        await _client.FailAsync("/connection/add", new JsonObject { ["name"] = "validated-wrong", ["data"] = data, ["validate"] = true }, 500, Ct);
        Assert.Empty(await _client.QueryAsync("**", "validated-wrong", "*", Ct));
    }

    [Fact]
    public async Task PasswordGateway_InFrontOfAKeyTarget_BothLoginsAnswered()
    {
        var user = RequireUser();
        var gateway = await AddAsync("password-jump", _gatewayServer, user.Name, new JsonObject { ["password"] = await EncryptAsync(user.Password) });
        var key = await EncryptAsync(new JsonObject { ["type"] = "file", ["file"] = _server.ClientKey }.ToJsonString());
        var target = await AddAsync("behind-password-jump", _server, SshServer.User, new JsonObject { ["sshIdentity"] = key }, gateway);

        Assert.Equal(SshServer.User, await RunAsync(target, "id -un"));
        Assert.Contains($"Accepted password for {user.Name}", _gatewayServer.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KeyMaterial_ReachesSshThroughAnAgent_NeverAFile(bool structured)
    {
        var material = await File.ReadAllTextAsync(_server.ClientKey, Ct);
        var secret = structured ? new JsonObject { ["type"] = "key", ["key"] = material }.ToJsonString() : material;
        var id = await AddAsync("key-material-" + structured, _server, SshServer.User, new JsonObject { ["sshIdentity"] = await EncryptAsync(secret) });

        Assert.Equal(SshServer.User, await RunAsync(id, "id -un"));

        // The daemon's private ssh directory holds sockets and public keys only.
        var keyBody = material.Split('\n')[1];
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "rampart-ssh-*"))
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(file, Ct);
                }
                catch (IOException)
                {
                    continue; // a socket: ControlMaster, agent, askpass
                }

                Assert.DoesNotContain(keyBody, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task BrokenKeyMaterial_IsAClientError()
    {
        var id = await AddAsync("broken-key", _server, SshServer.User,
            new JsonObject { ["sshIdentity"] = await EncryptAsync("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n") });

        var message = await _client.FailAsync("/shell/start", new JsonObject { ["connection"] = id }, 400, Ct);
        Assert.Contains("refused by ssh-add", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyAgents_EndWithTheDaemon_EvenWhenItIsKilled()
    {
        var material = await File.ReadAllTextAsync(_server.ClientKey, Ct);
        var id = await AddAsync("agent-lifetime", _server, SshServer.User, new JsonObject { ["sshIdentity"] = await EncryptAsync(material) });
        Assert.Equal(SshServer.User, await RunAsync(id, "id -un"));

        var agents = Descendants(_daemon.Pid!.Value).Where(pid => Command(pid).StartsWith("ssh-agent", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(agents);
        await _daemon.KillAloneAsync(Ct);
        for (var i = 0; i < 100 && agents.Any(pid => Directory.Exists($"/proc/{pid}")); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.All(agents, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"ssh-agent {pid} outlived the daemon"));
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        var found = new List<int>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var (child, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(child);
                    pending.Enqueue(child);
                }
            }
        }

        return found;
    }
}
