using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// API keys that belong to a bastion account, on a real bastion and a real sshd: such a key sees and reaches only the
/// connections whose every login the account's accesses grant, decided on the bastion's state at each request; the
/// local owner keeps full access.
/// </summary>
public sealed class ScopedApiKeyTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>, IAsyncLifetime
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private SshServer? _server;
    private ApiClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    private SshServer Server => _server!;

    /// <summary>The sshd's second port: another "host" the accounts are not given unless a test says so.</summary>
    private int OtherPort => Server.Ports[1];

    public async ValueTask InitializeAsync()
    {
        if (BastionGateway.CanRun)
        {
            _server = await SshServer.StartAsync(Ct, extraPorts: 1);
            _owner = await Gateway.Daemon.ConnectAsync(Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ScopedKey_SeesAndRunsOnlyWhatItsAccountsAccessesAllow()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, _) = await Gateway.CreateAccountAsync(Ct);
        var allowed = await AddHostAsync("scoped-allowed", Server.Port);
        var otherPort = await AddHostAsync("scoped-other-port", OtherPort);
        var otherUser = await AddHostAsync("scoped-other-user", Server.Port, user: "rtb-nobody");
        var jump = await AddHostAsync("scoped-jump", OtherPort);
        var behindJump = await AddHostAsync("scoped-behind-jump", Server.Port, gateway: jump);
        await GrantAsync(account, Server.Port, SshServer.User);
        var key = await KeyAsync(account);

        Assert.Equal([allowed], await key.QueryAsync("**", "**", "*", Ct));
        var store = await key.CallAsync("/store/query", new JsonObject { ["categoryFilter"] = "**", ["storeFilter"] = "**", ["typeFilter"] = "*" }, Ct);
        Assert.Equal([allowed], store!["found"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("127.0.0.1", (await key.InfoAsync(allowed, Ct))["rawData"]!["host"]!.GetValue<string>());

        await key.CallAsync("/shell/start", new JsonObject { ["connection"] = allowed }, Ct);
        var ran = await key.CallAsync("/shell/exec", new JsonObject { ["connection"] = allowed, ["command"] = "echo scoped" }, Ct);
        Assert.Equal("scoped", ran!["stdout"]!.GetValue<string>());

        // Refused alike whether hidden or unknown, and the message shows nothing of the connection.
        var unknown = Guid.NewGuid().ToString();
        foreach (var hidden in new[] { otherPort, otherUser, behindJump, jump, LocalMachine, unknown })
        {
            var message = await key.FailAsync("/shell/start", new JsonObject { ["connection"] = hidden }, 403, Ct);
            Assert.Equal($"This API key acts for bastion account {account}, whose accesses do not allow connection {hidden}", message);
            await key.FailAsync("/shell/exec", new JsonObject { ["connection"] = hidden, ["command"] = "id" }, 403, Ct);
            await key.FailAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray(allowed, hidden) }, 403, Ct);
        }

        await key.FailAsync("/fs/read", new JsonObject { ["connection"] = otherPort, ["path"] = "/etc/hostname" }, 403, Ct);
        await key.FailAsync("/shell/stop", new JsonObject { ["connection"] = otherPort }, 403, Ct);
        await key.FailAsync("/connection/refresh", new JsonObject { ["connection"] = otherPort }, 403, Ct);
        await key.FailAsync("/connection/terminal", new JsonObject { ["connection"] = otherPort }, 403, Ct);
        await key.FailAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "refreshStore", ["ref"] = otherPort } }, 403, Ct);
        await key.FailAsync("/fleet/exec", new JsonObject { ["connections"] = new JsonArray(allowed, otherPort), ["command"] = "id" }, 403, Ct);

        // A fleet run by filter runs only where the key may go.
        var lines = await FleetAsync(key, new JsonObject { ["connectionFilter"] = "scoped-*", ["command"] = "echo fleet" });
        Assert.Equal(1, lines[0]["total"]!.GetValue<int>());
        Assert.Equal(allowed, lines[1]["connection"]!.GetValue<string>());
        Assert.Equal("fleet", lines[1]["stdout"]!.GetValue<string>());

        // Every login on the way counts: the jump host's port opens the way to the host behind it.
        await GrantAsync(account, OtherPort, SshServer.User);
        Assert.Equal([allowed, otherPort, jump, behindJump], await key.QueryAsync("**", "**", "*", Ct));
        var behind = await FleetAsync(key, new JsonObject { ["connections"] = new JsonArray(behindJump), ["command"] = "echo behind" });
        Assert.Equal("behind", behind[1]["stdout"]!.GetValue<string>());

        // The machine's owner is not bound by any of it.
        Assert.Contains(otherUser, await _owner.QueryAsync("**", "**", "*", Ct));
        await _owner.CallAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, Ct);
        Assert.Equal("owner", (await _owner.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "echo owner" }, Ct))!["stdout"]!.GetValue<string>());

        // Refusals are on the audit trail as denied, under the key and its account.
        var denied = (await _owner.CallAsync("/rampart/audit/query", new JsonObject { ["actor"] = $"(bastion:{account})", ["action"] = "/shell/start", ["outcome"] = "denied" }, Ct))!["records"]!.AsArray();
        Assert.Equal(6, denied.Count);
        Assert.All(denied, r => Assert.Equal($"apikey:{account}-key(bastion:{account})", r!["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RemovedAccessesAndFrozenOrDeletedAccounts_TakeEffectAtOnce()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, _) = await Gateway.CreateAccountAsync(Ct);
        var host = await AddHostAsync("scoped-revoked", Server.Port);
        await GrantAsync(account, Server.Port, SshServer.User);
        var (key, secret) = await KeyWithSecretAsync(account);
        await key.CallAsync("/shell/start", new JsonObject { ["connection"] = host }, Ct);
        var exec = new JsonObject { ["connection"] = host, ["command"] = "echo still" };
        await key.CallAsync("/shell/exec", exec, Ct);

        // The running shell stays, but the key may no longer use it.
        await OshAsync($"accountDelPersonalAccess --account {account} --host 127.0.0.1 --port {Server.Port} --user {SshServer.User}");
        await key.FailAsync("/shell/exec", exec, 403, Ct);
        Assert.Empty(await key.QueryAsync("**", "**", "*", Ct));
        await GrantAsync(account, Server.Port, SshServer.User);
        Assert.Equal("still", (await key.CallAsync("/shell/exec", exec, Ct))!["stdout"]!.GetValue<string>());

        await OshAsync($"accountFreeze --account {account} --reason audit");
        Assert.Equal($"API key refused: bastion account {account} is frozen (audit)", await key.FailAsync("/shell/exec", exec, 403, Ct));
        Assert.Equal($"API key refused: bastion account {account} is frozen (audit)", await key.FailAsync("/connection/query", Query(), 403, Ct));
        var refused = await HandshakeAsync(secret);
        Assert.Equal(401, refused.Status);
        Assert.Equal($"API key refused: bastion account {account} is frozen (audit)", refused.Message);

        await OshAsync($"accountUnfreeze --account {account}");
        Assert.Equal(200, (await HandshakeAsync(secret)).Status);
        await key.CallAsync("/shell/exec", exec, Ct);

        await OshAsync($"accountDelete --account {account} --no-confirm");
        Assert.Equal($"API key refused: bastion account {account} no longer exists", await key.FailAsync("/shell/exec", exec, 403, Ct));
        Assert.Equal(401, (await HandshakeAsync(secret)).Status);
    }

    [Fact]
    public async Task FleetJobs_AreTheKeysOwn_AndEachHostIsCheckedAsItStarts()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, _) = await Gateway.CreateAccountAsync(Ct);
        var first = await AddHostAsync("scoped-fleet-first", Server.Port);
        var second = await AddHostAsync("scoped-fleet-second", OtherPort);
        await GrantAsync(account, Server.Port, SshServer.User);
        await GrantAsync(account, OtherPort, SshServer.User);
        var key = await KeyAsync(account);

        // One host at a time: the second starts after the access to it is gone.
        var started = await key.CallAsync("/fleet/exec", new JsonObject
        {
            ["connections"] = new JsonArray(first, second), ["command"] = "sleep 3; echo done", ["parallel"] = 1,
        }, Ct);
        var job = started!["job"]!.GetValue<string>();
        await OshAsync($"accountDelPersonalAccess --account {account} --host 127.0.0.1 --port {OtherPort} --user {SshServer.User}");
        JsonNode? status;
        do
        {
            await Task.Delay(200, Ct);
            status = await key.CallAsync("/fleet/job", new JsonObject { ["job"] = job }, Ct);
        }
        while (status!["state"]!.GetValue<string>() == "running");

        var results = status["results"]!.AsArray().ToDictionary(r => r!["connection"]!.GetValue<string>(), r => r!);
        Assert.Equal("ok", results[first]["status"]!.GetValue<string>());
        Assert.Equal("unreachable", results[second]["status"]!.GetValue<string>());
        Assert.StartsWith("refused:", results[second]["error"]!.GetValue<string>(), StringComparison.Ordinal);

        // The owner's jobs are not the key's to read or cancel.
        var owners = (await _owner.CallAsync("/fleet/exec", new JsonObject { ["connections"] = new JsonArray(first), ["command"] = "true" }, Ct))!["job"]!.GetValue<string>();
        await key.FailAsync("/fleet/job", new JsonObject { ["job"] = owners }, 403, Ct);
        await key.FailAsync("/fleet/stream", new JsonObject { ["job"] = owners }, 403, Ct);
        await key.FailAsync("/fleet/cancel", new JsonObject { ["job"] = owners }, 403, Ct);
        await _owner.CallAsync("/fleet/job", new JsonObject { ["job"] = job }, Ct);
    }

    [Fact]
    public async Task ScopedKeys_UseTheInventory_ButDoNotEditIt()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, _) = await Gateway.CreateAccountAsync(Ct);
        var host = await AddHostAsync("scoped-kept", Server.Port);
        await GrantAsync(account, Server.Port, SshServer.User);
        var key = await KeyAsync(account);
        var encrypted = (await _owner.CallAsync("/secret/encrypt", new JsonObject { ["value"] = "s3cret" }, Ct))!["encrypted"]!;

        var edits = new (string Path, JsonObject Body)[]
        {
            ("/connection/add", new JsonObject { ["name"] = "planted", ["validate"] = false, ["data"] = new JsonObject { ["type"] = "ssh", ["host"] = "127.0.0.1" } }),
            ("/store/add", new JsonObject { ["name"] = "planted", ["validate"] = false, ["data"] = new JsonObject { ["type"] = "ssh", ["host"] = "127.0.0.1" } }),
            ("/connection/remove", new JsonObject { ["connections"] = new JsonArray(host) }),
            ("/store/remove", new JsonObject { ["stores"] = new JsonArray(host) }),
            ("/category/add", new JsonObject { ["name"] = "planted", ["parent"] = "97458c07-75c0-4f9d-a06e-92d8cdf67c40" }),
            ("/category/remove", new JsonObject { ["categories"] = new JsonArray(Guid.NewGuid().ToString()) }),
            ("/secret/encrypt", new JsonObject { ["value"] = "x" }),
            ("/secret/decrypt", new JsonObject { ["encrypted"] = encrypted.DeepClone() }),
            ("/connection/import", new JsonObject { ["format"] = "csv", ["text"] = "host\n127.0.0.1\n" }),
            ("/connection/export", new JsonObject { ["format"] = "json" }),
        };
        foreach (var (path, body) in edits)
        {
            Assert.Contains("do not edit it", await key.FailAsync(path, body, 403, Ct), StringComparison.Ordinal);
        }

        Assert.Contains("local owner", await key.FailAsync("/rampart/apikey/list", new JsonObject(), 403, Ct), StringComparison.Ordinal);
        Assert.Contains("local owner", await key.FailAsync("/rampart/audit/query", new JsonObject(), 403, Ct), StringComparison.Ordinal);
        await key.CallAsync("/daemon/version", null, Ct);
        await key.CallAsync("/category/query", new JsonObject { ["filter"] = "**" }, Ct);
        Assert.Equal([host], await key.QueryAsync("**", "**", "*", Ct));
        Assert.Contains(host, await _owner.QueryAsync("**", "**", "*", Ct));
    }

    [Fact]
    public async Task KeyCreation_NeedsAnExistingAccount_AndNoGatewayRight()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, _) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal("Unknown bastion account: rtb-missing",
            await _owner.FailAsync("/rampart/apikey/create", new JsonObject { ["name"] = "orphan", ["account"] = "rtb-missing" }, 400, Ct));
        Assert.Contains("cannot run on the gateway",
            await _owner.FailAsync("/rampart/apikey/create", new JsonObject { ["name"] = "both", ["account"] = account, ["mayRunOnGateway"] = true }, 400, Ct),
            StringComparison.Ordinal);

        var created = await CliRunner.RunAsync(Gateway.Daemon, null, Ct, "apikey", "create", account + "-cli", "--account", account);
        Assert.True(created.Code == 0, created.ToString());
        Assert.StartsWith("rampart_", created.Out, StringComparison.Ordinal);
        var list = await CliRunner.RunAsync(Gateway.Daemon, null, Ct, "apikey", "list");
        Assert.True(list.Code == 0, list.ToString());
        Assert.Contains("ACCOUNT", list.Out, StringComparison.Ordinal);
        Assert.Contains(list.Out.Split('\n'), line => line.Contains(account + "-cli", StringComparison.Ordinal) && line.Contains(" " + account + " ", StringComparison.Ordinal));
        var json = await _owner.CallAsync("/rampart/apikey/list", new JsonObject(), Ct);
        var listed = json!["keys"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == account + "-cli")!;
        Assert.Equal(account, listed["account"]!.GetValue<string>());
        Assert.False(listed["mayRunOnGateway"]!.GetValue<bool>());
    }

    /// <summary>A streamed fleet run: the job line, one line per host, the summary.</summary>
    private static async Task<List<JsonNode>> FleetAsync(ApiClient client, JsonObject request)
    {
        request["stream"] = true;
        var run = await client.PostAsync("/fleet/exec", request, Ct);
        Assert.True(run.Status == 200, run.ToString());
        return [.. Encoding.UTF8.GetString(run.Body).Trim().Split('\n').Select(l => JsonNode.Parse(l)!)];
    }

    private static JsonObject Query() => new() { ["categoryFilter"] = "**", ["connectionFilter"] = "**", ["typeFilter"] = "*" };

    /// <summary>An ssh connection to the test sshd on 127.0.0.1 whose key is held in the vault (not a file of the gateway).</summary>
    private async Task<string> AddHostAsync(string name, int port, string? user = null, string? gateway = null)
    {
        var material = await File.ReadAllTextAsync(Server.ClientKey, Ct);
        var encrypted = (await _owner.CallAsync("/secret/encrypt", new JsonObject { ["value"] = material }, Ct))!["encrypted"]!;
        var data = new JsonObject
        {
            ["type"] = "ssh",
            ["host"] = "127.0.0.1",
            ["port"] = port,
            ["identity"] = new JsonObject
            {
                ["type"] = "inPlace",
                ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["username"] = SshServer.User, ["sshIdentity"] = encrypted.DeepClone() },
            },
        };
        if (user is not null)
        {
            data["user"] = user;
        }

        if (gateway is not null)
        {
            data["gateway"] = gateway;
        }

        return await _owner.AddAsync(name + "-" + Guid.NewGuid().ToString("N")[..6], data, Ct);
    }

    private async Task OshAsync(string command)
    {
        var result = await Gateway.AdminAsync("--json-greppable --osh " + command, Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private Task GrantAsync(string account, int port, string user) => OshAsync(
        string.Create(CultureInfo.InvariantCulture, $"accountAddPersonalAccess --account {account} --host 127.0.0.1 --port {port} --user {user} --force"));

    private async Task<ApiClient> KeyAsync(string account) => (await KeyWithSecretAsync(account)).Client;

    private async Task<(ApiClient Client, string Secret)> KeyWithSecretAsync(string account)
    {
        var created = await _owner.CallAsync("/rampart/apikey/create", new JsonObject { ["name"] = account + "-key", ["account"] = account }, Ct);
        Assert.Equal(account, created!["account"]!.GetValue<string>());
        var secret = created["key"]!.GetValue<string>();
        var session = await HandshakeAsync(secret);
        Assert.True(session.Status == 200, session.ToString());
        return (new ApiClient(Gateway.Daemon, session.Json!["sessionToken"]!.GetValue<string>()), secret);
    }

    private Task<ApiResponse> HandshakeAsync(string secret) => Gateway.Daemon.PostAsync("/handshake", new JsonObject
    {
        ["auth"] = new JsonObject { ["type"] = "ApiKey", ["key"] = secret },
        ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "scoped-test" },
    }, null, Ct);
}
