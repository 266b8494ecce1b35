using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Compatibility;

/// <summary>
/// Replays, byte for byte where it matters, what the xpipe_api Python client (0.1.26 and newer) sends, and checks the
/// answers its code and its own test suite rely on (reference §9).
/// </summary>
public sealed class XpipePythonClientReplayTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DaemonProcess Daemon => fixture.Daemon;

    /// <summary>requests.post(url, json=body): Content-Type application/json, ASCII-escaped JSON with ", " and ": ".</summary>
    private async Task<ApiResponse> PostLikePythonAsync(string path, string pythonJson, string? session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Daemon.BaseUri, path))
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes(pythonJson)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (session is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + session);
        }

        return await Daemon.SendAsync(request, Ct);
    }

    private async Task<string> RenewSessionAsync()
    {
        var body = $$$"""{"auth": {"type": "Local", "authFileContent": "{{{Daemon.ReadAuthToken()}}}"}, "client": {"type": "Api", "name": "python_xpipe_api"}}""";
        var response = await PostLikePythonAsync("/handshake", body, null);
        Assert.Equal(200, response.Status);
        return response.Json!["sessionToken"]!.GetValue<string>();
    }

    [Fact]
    public async Task DaemonVersion_AsAGetWithoutBody_HasExactlyTheFiveKeys()
    {
        var session = await RenewSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Daemon.BaseUri, "/daemon/version"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + session);
        var response = await Daemon.SendAsync(request, Ct);
        Assert.Equal(200, response.Status);
        var version = response.Json!.AsObject();
        Assert.Equal(["buildVersion", "canonicalVersion", "jvmVersion", "pro", "version"], version.Select(p => p.Key).Order(StringComparer.Ordinal));

        // packaging.version.Version(version) >= Version("17.0")
        var parts = version["version"]!.GetValue<string>().Split('.', '-');
        Assert.True(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) >= 17, version.ToJsonString());
        Assert.Contains(".NET", version["jvmVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.IsType<bool>(version["pro"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ErrorBodies_AreJsonThePythonClientCanRead()
    {
        // renew_session parses the body as JSON whatever the status.
        var failed = await PostLikePythonAsync("/handshake", """{"auth": {"type": "ApiKey", "key": "wrong"}, "client": {"type": "Api", "name": "python_xpipe_api"}}""", null);
        Assert.Equal(400, failed.Status);
        Assert.Null(failed.Json!["sessionToken"]);

        var session = await RenewSessionAsync();
        var unknown = await PostLikePythonAsync("/connection/browse", """{"connection": "ffffffff-ffff-ffff-ffff-ffffffffffff"}""", session);
        Assert.Equal(400, unknown.Status);
        Assert.Contains("Unknown connection", unknown.Json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version0126_Defaults_FindTheLocalMachine()
    {
        var session = await RenewSessionAsync();
        var all = await PostLikePythonAsync("/connection/query", """{"categoryFilter": "*", "connectionFilter": "*", "typeFilter": "*"}""", session);
        Assert.Contains(LocalMachine, all.Json!["found"]!.AsArray().Select(n => n!.GetValue<string>()));
        var named = await PostLikePythonAsync("/connection/query", """{"categoryFilter": "*", "connectionFilter": "local machine", "typeFilter": "*"}""", session);
        Assert.Equal(LocalMachine, named.Json!["found"]![0]!.GetValue<string>());
        Assert.Equal(36, named.Json!["found"]![0]!.GetValue<string>().Length);

        var info = await PostLikePythonAsync("/connection/info", $$"""{"connections": ["{{LocalMachine}}"]}""", session);
        var first = info.Json!["infos"]![0]!;
        Assert.Equal("local", first["type"]!.GetValue<string>());
        Assert.Equal("shell", first["usageCategory"]!.GetValue<string>());
    }

    [Fact]
    public async Task NewerClient_Defaults_AndDocumentationExamples()
    {
        var session = await RenewSessionAsync();
        async Task<List<string>> Query(string categories, string connections, string types)
        {
            var response = await PostLikePythonAsync("/connection/query",
                new JsonObject { ["categoryFilter"] = categories, ["connectionFilter"] = connections, ["typeFilter"] = types }.ToJsonString(), session);
            Assert.Equal(200, response.Status);
            return [.. response.Json!["found"]!.AsArray().Select(n => n!.GetValue<string>())];
        }

        Assert.Contains(LocalMachine, await Query("**", "**", "*"));
        Assert.Contains(LocalMachine, await Query("Default/**", "*", "*"));
        Assert.Contains(LocalMachine, await Query("Default", "*", "*"));
        Assert.Contains(LocalMachine, await Query("Default", "**", "*"));
        Assert.Contains(LocalMachine, await Query("default", "local machine", "*"));
        Assert.Equal([LocalMachine], await Query("**", "Local Machine", "*"));
        Assert.Empty(await Query("Default/*", "local machine", "*"));
    }

    [Fact]
    public async Task ConnectionAdd_WithTheGuidesSshSchema_AndEncryptedSecrets()
    {
        var session = await RenewSessionAsync();
        var password = (await PostLikePythonAsync("/secret/encrypt", """{"value": "passw0rd"}""", session)).Json!["encrypted"]!;
        var key = (await PostLikePythonAsync("/secret/encrypt", """{"value": "{\n    \"type\" : \"none\"\n}"}""", session)).Json!["encrypted"]!;
        var data = new JsonObject
        {
            ["type"] = "ssh",
            ["proxy"] = LocalMachine,
            ["host"] = "myip.eu-central-1.compute.amazonaws.com",
            ["port"] = 22,
            ["identity"] = new JsonObject
            {
                ["type"] = "inPlace",
                ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["username"] = "User", ["password"] = password.DeepClone(), ["sshIdentity"] = key.DeepClone() },
            },
            ["dontInteractWithSystem"] = false,
            ["forwardX11"] = false,
            ["jumpServer"] = false,
            ["additionalOptions"] = null,
        };
        var body = new JsonObject { ["name"] = "My Connection", ["data"] = data, ["validate"] = false, ["category"] = "97458c07-75c0-4f9d-a06e-92d8cdf67c40" };
        var added = await PostLikePythonAsync("/connection/add", body.ToJsonString(), session);
        Assert.Equal(200, added.Status);
        var id = added.Json!["connection"]!.GetValue<string>();

        var decrypted = await PostLikePythonAsync("/secret/decrypt", new JsonObject { ["encrypted"] = password.DeepClone() }.ToJsonString(), session);
        Assert.Equal("passw0rd", decrypted.Json!["decrypted"]!.GetValue<string>());

        var removed = await PostLikePythonAsync("/connection/remove", $$"""{"connections": ["{{id}}"]}""", session);
        Assert.Equal(200, removed.Status);
        Assert.Empty(removed.Body);
    }

    [Fact]
    public async Task CategoryCalls_OfTheNewerClient()
    {
        var session = await RenewSessionAsync();
        var added = await PostLikePythonAsync("/category/add", """{"name": "From Python", "parent": "97458c07-75c0-4f9d-a06e-92d8cdf67c40"}""", session);
        var category = added.Json!["category"]!.GetValue<string>();
        var found = await PostLikePythonAsync("/category/query", """{"filter": "**"}""", session);
        Assert.Contains(category, found.Json!["found"]!.AsArray().Select(n => n!.GetValue<string>()));
        var info = await PostLikePythonAsync("/category/info", $$"""{"categories": ["{{category}}"]}""", session);
        Assert.Equal("""["all connections","default","from python"]""", info.Json!["infos"]![0]!["name"]!.ToJsonString());
        var removed = await PostLikePythonAsync("/category/remove", $$"""{"categories": ["{{category}}"], "removeChildrenCategories": false, "removeContents": false}""", session);
        Assert.Equal(200, removed.Status);
    }
}
