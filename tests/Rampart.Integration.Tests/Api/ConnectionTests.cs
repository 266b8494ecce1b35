using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Api;

public sealed class ConnectionTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";
    private const string DefaultCategory = "97458c07-75c0-4f9d-a06e-92d8cdf67c40";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static JsonObject Ssh(string host, int port = 22) => new() { ["type"] = "ssh", ["host"] = host, ["port"] = port };

    [Fact]
    public async Task LocalMachine_IsThereWithXpipesIdTypeAndCategory()
    {
        Assert.Equal([LocalMachine], await Client.QueryAsync("**", "local machine", "*", Ct));
        Assert.Equal([LocalMachine], await Client.QueryAsync("*", "Local Machine", "*", Ct));
        var info = await Client.InfoAsync(LocalMachine, Ct);
        Assert.Equal("local", info["type"]!.GetValue<string>());
        Assert.Equal("shell", info["usageCategory"]!.GetValue<string>());
        Assert.Equal("""["default"]""", info["category"]!.ToJsonString());
        Assert.Equal("""["local machine"]""", info["name"]!.ToJsonString());
        Assert.Equal("""{"type":"local"}""", info["rawData"]!.ToJsonString());
        foreach (var key in new[] { "connection", "lastUsed", "lastModified", "state", "cache" })
        {
            Assert.True(info.ContainsKey(key), key);
        }
    }

    [Fact]
    public async Task PythonClientFlow_AddQueryRemoveCustomService()
    {
        // What xpipe_api's own test suite does, with its ≤ 16.x globs.
        var name = Unique("xpipe_api_test");
        var id = await Client.AddAsync(name, new JsonObject
        {
            ["type"] = "customService", ["remotePort"] = 65535, ["localPort"] = 65535, ["host"] = new JsonObject { ["storeId"] = LocalMachine },
        }, Ct);
        Assert.Equal([id], await Client.QueryAsync("*", $"services/{name}", "*", Ct));
        Assert.Equal([id], await Client.QueryAsync("**", $"local machine/services/{name}", "*", Ct));
        var info = await Client.InfoAsync(id, Ct);
        Assert.Equal($"""["local machine","services","{name}"]""", info["name"]!.ToJsonString());
        Assert.Equal("tunnel", info["usageCategory"]!.GetValue<string>());

        await Client.CallAsync("/connection/remove", new JsonObject { ["connections"] = new JsonArray(id) }, Ct);
        Assert.Empty(await Client.QueryAsync("*", $"services/{name}", "*", Ct));
    }

    [Fact]
    public async Task Add_KeepsRawDataExactly()
    {
        var data = JsonNode.Parse("""{"type":"ssh","host":"raw.example","port":2201,"zeta":[1,2.5,"x"],"alpha":{"nested":null},"gateway":null}""")!.AsObject();
        var id = await Client.AddAsync(Unique("raw"), data, Ct);
        var info = await Client.InfoAsync(id, Ct);
        Assert.Equal(data.ToJsonString(), info["rawData"]!.ToJsonString());
    }

    [Fact]
    public async Task Add_EqualStore_ReturnsTheSameIdWithoutANewEntry()
    {
        var first = await Client.AddAsync(Unique("eq"), Ssh("equal.example", 2222), Ct);
        var second = await Client.AddAsync(Unique("eq"), JsonNode.Parse("""{"port":2222,"type":"ssh","host":"equal.example","gateway":null}""")!.AsObject(), Ct);
        Assert.Equal(first, second);
        Assert.Single(await Client.QueryAsync("**", "**", "ssh", Ct), id => id == first);
    }

    [Fact]
    public async Task Add_SameNameAndType_UpdatesTheEntry()
    {
        var name = Unique("Web");
        var first = await Client.AddAsync(name, Ssh("old.example"), Ct);
        var second = await Client.AddAsync(name.ToUpperInvariant(), Ssh("new.example"), Ct);
        Assert.Equal(first, second);
        var info = await Client.InfoAsync(first, Ct);
        Assert.Equal("new.example", info["rawData"]!["host"]!.GetValue<string>());
    }

    [Fact]
    public async Task Add_IntoACategory_AndQueryByCategoryGlobs()
    {
        var parent = (await Client.CallAsync("/category/add", new JsonObject { ["name"] = Unique("Prod"), ["parent"] = DefaultCategory }, Ct))!["category"]!.GetValue<string>();
        var parentName = (await Client.CallAsync("/category/info", new JsonObject { ["categories"] = new JsonArray(parent) }, Ct))!["infos"]![0]!["name"]![2]!.GetValue<string>();
        var child = (await Client.CallAsync("/category/add", new JsonObject { ["name"] = "EU", ["parent"] = parent }, Ct))!["category"]!.GetValue<string>();
        var inParent = await Client.AddAsync(Unique("p"), Ssh("p.example"), Ct, parent);
        var inChild = await Client.AddAsync(Unique("c"), Ssh("c.example"), Ct, child);

        Assert.Equal([inParent, inChild], await Client.QueryAsync($"default/{parentName}/**", "*", "*", Ct));
        Assert.Equal([inParent], await Client.QueryAsync($"all connections/default/{parentName}", "*", "*", Ct));
        Assert.Equal([inChild], await Client.QueryAsync($"**/{parentName}/eu", "*", "*", Ct));
        Assert.Equal([inChild], await Client.QueryAsync($"Default/{parentName}/*", "**", "*", Ct));
        var info = await Client.InfoAsync(inChild, Ct);
        Assert.Equal($"""["default","{parentName}","eu"]""", info["category"]!.ToJsonString());
    }

    [Fact]
    public async Task Add_UnknownCategory_Is400()
    {
        var body = new JsonObject { ["name"] = "x", ["data"] = Ssh("x.example"), ["validate"] = false, ["category"] = Guid.NewGuid().ToString() };
        Assert.Contains("does not exist", await Client.FailAsync("/connection/add", body, 400, Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"ssh"}""", "host")]
    [InlineData("""{"type":"ssh","host":"-oProxyCommand=sh"}""", "host")]
    [InlineData("""{"type":"ssh","host":"a b"}""", "host")]
    [InlineData("""{"type":"ssh","host":"h","port":70000}""", "port")]
    [InlineData("""{"type":"ssh","host":"h","port":"22"}""", "port")]
    [InlineData("""{"type":"ssh","host":"h","user":"-l"}""", "user")]
    [InlineData("""{"type":"ssh","host":"h","gateway":"not-a-uuid"}""", "gateway")]
    [InlineData("""{"type":"ssh","host":"h","gateway":"11111111-1111-1111-1111-111111111111"}""", "unknown connection")]
    [InlineData("""{"type":"ssh","host":"h","identity":{"type":"magic"}}""", "identity")]
    [InlineData("""{"type":"ssh","host":"h","identity":{"type":"ref","ref":"f0ec68aa-63f5-405c-b178-9a4454556d6b"}}""", "identity")]
    [InlineData("""{"type":"ssh","host":"h","additionalOptions":{"ProxyCommand":"sh -c id"}}""", "ProxyCommand")]
    [InlineData("""{"type":"ssh","host":"h","additionalOptions":["LocalCommand=id"]}""", "LocalCommand")]
    [InlineData("""{"type":"customService","remotePort":80}""", "host")]
    [InlineData("""{"type":"customService","host":"f0ec68aa-63f5-405c-b178-9a4454556d6b"}""", "remotePort")]
    [InlineData("""{"type":"shellEnvironment","host":"f0ec68aa-63f5-405c-b178-9a4454556d6b","shell":"cobol"}""", "shell")]
    [InlineData("""{"type":"localIdentity","username":"u","password":"plaintext"}""", "password")]
    [InlineData("""{"type":"sshConfigHost"}""", "host")]
    [InlineData("""{"type":"local"}""", "")]
    [InlineData("""{"host":"h"}""", "type")]
    [InlineData("""{"type":""}""", "type")]
    public async Task Add_InvalidStoreData_Is400NamingTheProblem(string data, string mentioned)
    {
        var body = new JsonObject { ["name"] = Unique("bad"), ["data"] = JsonNode.Parse(data), ["validate"] = false };
        var response = await Client.PostAsync("/connection/add", body, Ct);
        if (data == """{"type":"local"}""")
        {
            // The equal store is the local machine: its id comes back, nothing is added.
            Assert.Equal(200, response.Status);
            Assert.Equal(LocalMachine, response.Json!["connection"]!.GetValue<string>());
            return;
        }

        Assert.Equal(400, response.Status);
        Assert.Contains(mentioned, response.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"data":{"type":"ssh","host":"h"},"validate":false}""", "name")]
    [InlineData("""{"name":"x","validate":false}""", "data")]
    [InlineData("""{"name":"x","data":{"type":"ssh","host":"h"}}""", "validate")]
    [InlineData("""{"name":"","data":{"type":"ssh","host":"h"},"validate":false}""", "empty")]
    [InlineData("""{"name":"x","data":"ssh","validate":false}""", "data")]
    [InlineData("""{"name":"x","data":{"type":"ssh","host":"h"},"validate":"yes"}""", "validate")]
    [InlineData("""{"name":"x","data":{"type":"ssh","host":"h"},"validate":false,"category":"nope"}""", "uuid")]
    public async Task Add_MalformedRequest_Is400(string body, string mentioned)
    {
        var response = await Client.PostAsync("/connection/add", JsonNode.Parse(body), Ct);
        Assert.Equal(400, response.Status);
        Assert.Contains(mentioned, response.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Add_UnknownType_IsStoredAsGiven()
    {
        var data = JsonNode.Parse("""{"type":"dockerCmd","host":"f0ec68aa-63f5-405c-b178-9a4454556d6b","whatever":[1]}""")!.AsObject();
        var id = await Client.AddAsync(Unique("docker"), data, Ct);
        var info = await Client.InfoAsync(id, Ct);
        Assert.Equal("dockerCmd", info["type"]!.GetValue<string>());
        Assert.Equal([id], await Client.QueryAsync("**", "**", "dockercmd", Ct));
    }

    [Fact]
    public async Task Identities_GoToLocalIdentities_AndSshCanReferToThem()
    {
        var identity = await Client.AddAsync(Unique("ops"), new JsonObject { ["type"] = "localIdentity", ["username"] = "ops", ["password"] = null }, Ct);
        var info = await Client.InfoAsync(identity, Ct);
        Assert.Equal("""["local"]""", info["category"]!.ToJsonString());
        Assert.Equal("identity", info["usageCategory"]!.GetValue<string>());
        Assert.Contains(identity, await Client.QueryAsync("all identities/**", "**", "*", Ct));

        var ssh = Ssh("with-identity.example");
        ssh["identity"] = new JsonObject { ["type"] = "ref", ["ref"] = identity };
        await Client.AddAsync(Unique("ssh"), ssh, Ct);
    }

    [Fact]
    public async Task ShellEnvironment_IsShownBelowItsHost()
    {
        var host = await Client.AddAsync(Unique("host"), Ssh("nested-host.example"), Ct);
        var hostName = (await Client.InfoAsync(host, Ct))["name"]![0]!.GetValue<string>();
        var nested = await Client.AddAsync("Root Shell", new JsonObject
        {
            ["type"] = "shellEnvironment", ["host"] = host, ["shell"] = "bash", ["commands"] = "echo test", ["elevated"] = true, ["user"] = null,
        }, Ct);
        Assert.Equal([nested], await Client.QueryAsync("**", $"{hostName}/*", "*", Ct));
        Assert.Equal($"""["{hostName}","root shell"]""", (await Client.InfoAsync(nested, Ct))["name"]!.ToJsonString());

        // Removing the host removes what is shown below it.
        await Client.CallAsync("/connection/remove", new JsonObject { ["connections"] = new JsonArray(host) }, Ct);
        Assert.Contains("Unknown connection", await Client.FailAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray(nested) }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_UnknownId_Is400AndRemovesNothing()
    {
        var keep = await Client.AddAsync(Unique("keep"), Ssh("keep.example"), Ct);
        var unknown = Guid.NewGuid().ToString();
        var message = await Client.FailAsync("/connection/remove", new JsonObject { ["connections"] = new JsonArray(keep, unknown) }, 400, Ct);
        Assert.Equal($"Unknown connection: {unknown}", message);
        await Client.InfoAsync(keep, Ct);
    }

    [Fact]
    public async Task Remove_LocalMachine_IsSilentlySkipped()
    {
        await Client.CallAsync("/connection/remove", new JsonObject { ["connections"] = new JsonArray(LocalMachine) }, Ct);
        await Client.InfoAsync(LocalMachine, Ct);
    }

    [Fact]
    public async Task Info_UnknownAndInvalidIds_Are400()
    {
        var unknown = "ffffffff-ffff-ffff-ffff-ffffffffffff";
        Assert.Equal($"Unknown connection: {unknown}", await Client.FailAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray(unknown) }, 400, Ct));
        await Client.FailAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray("nope") }, 400, Ct);
        await Client.FailAsync("/connection/info", new JsonObject(), 400, Ct);
    }

    [Fact]
    public async Task Query_MissingFilterOrBadGlob_Is400()
    {
        Assert.Contains("typeFilter", await Client.FailAsync("/connection/query", new JsonObject { ["categoryFilter"] = "**", ["connectionFilter"] = "**" }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("[", await Client.FailAsync("/connection/query", new JsonObject { ["categoryFilter"] = "**", ["connectionFilter"] = "a[b", ["typeFilter"] = "*" }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_KnownIsEmpty200_UnknownIs400()
    {
        var response = await Client.PostAsync("/connection/refresh", new JsonObject { ["connection"] = LocalMachine }, Ct);
        Assert.Equal(200, response.Status);
        Assert.Empty(response.Body);
        Assert.Contains("Unknown connection", await Client.FailAsync("/connection/refresh", new JsonObject { ["connection"] = Guid.NewGuid().ToString() }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorePaths_UseXpipe24Naming_AndAcceptBothNamings()
    {
        var added = await Client.CallAsync("/store/add", new JsonObject { ["name"] = Unique("store"), ["data"] = Ssh("store.example"), ["validate"] = false }, Ct);
        var id = added!["store"]!.GetValue<string>();
        var found = await Client.CallAsync("/store/query", new JsonObject { ["categoryFilter"] = "**", ["storeFilter"] = "**", ["typeFilter"] = "ssh" }, Ct);
        Assert.Contains(id, found!["found"]!.AsArray().Select(n => n!.GetValue<string>()));
        var info = await Client.CallAsync("/store/info", new JsonObject { ["stores"] = new JsonArray(id) }, Ct);
        Assert.Equal(id, info!["infos"]![0]!["store"]!.GetValue<string>());
        Assert.NotNull(info["infos"]![0]!["created"]);
        var byOldName = await Client.CallAsync("/store/info", new JsonObject { ["connections"] = new JsonArray(id) }, Ct);
        Assert.Equal(id, byOldName!["infos"]![0]!["store"]!.GetValue<string>());
        await Client.CallAsync("/connection/refresh", new JsonObject { ["uuid"] = LocalMachine }, Ct);
        await Client.CallAsync("/store/remove", new JsonObject { ["stores"] = new JsonArray(id) }, Ct);
        await Client.FailAsync("/store/info", new JsonObject { ["stores"] = new JsonArray(id) }, 400, Ct);
    }

    [Fact]
    public async Task LenientJson_CommentsTrailingCommasAndNoContentType()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(fixture.Daemon.BaseUri, "/connection/query"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""
                { // every connection named local machine
                  "categoryFilter": "**", /* any category */
                  "connectionFilter": "local machine",
                  "typeFilter": "*",
                  "unknownField": 1,
                }
                """)),
        };
        request.Headers.TryAddWithoutValidation("Authorization", fixture.Client.Token);
        var response = await fixture.Daemon.SendAsync(request, Ct);
        Assert.Equal(200, response.Status);
        Assert.Equal(LocalMachine, response.Json!["found"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task LegacyEndpoints_CheckTheConnectionThenExplain()
    {
        var fake = "ffffffff-ffff-ffff-ffff-ffffffffffff";
        foreach (var path in new[] { "/connection/browse", "/connection/terminal" })
        {
            Assert.Contains("Unknown connection", await Client.FailAsync(path, new JsonObject { ["connection"] = fake }, 400, Ct), StringComparison.Ordinal);
            Assert.Contains("headless", await Client.FailAsync(path, new JsonObject { ["connection"] = LocalMachine }, 400, Ct), StringComparison.Ordinal);
        }

        Assert.Contains("Not a toggleable", await Client.FailAsync("/connection/toggle", new JsonObject { ["connection"] = LocalMachine, ["state"] = true }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_UnknownIdRefsAndUnsupported_AreClear400s()
    {
        Assert.Equal("Unable to parse action into known schema", await Client.FailAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "frobnicate", ["ref"] = LocalMachine } }, 400, Ct));
        Assert.Equal("Unable to parse action into known schema", await Client.FailAsync("/action", new JsonObject { ["action"] = "open" }, 400, Ct));
        Assert.Contains("Store not found", await Client.FailAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "refreshStore", ["ref"] = Guid.NewGuid().ToString() } }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("Invalid store id", await Client.FailAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "refreshStore", ["ref"] = "x" } }, 400, Ct), StringComparison.Ordinal);
        Assert.Contains("headless", await Client.FailAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "open", ["ref"] = LocalMachine } }, 400, Ct), StringComparison.Ordinal);
        var ok = await Client.PostAsync("/action", new JsonObject { ["action"] = new JsonObject { ["id"] = "refreshStore", ["ref"] = new JsonArray(LocalMachine) }, ["confirm"] = false }, Ct);
        Assert.Equal(200, ok.Status);
        Assert.Empty(ok.Body);
    }
}
