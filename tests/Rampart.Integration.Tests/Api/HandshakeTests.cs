using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Api;

public sealed class HandshakeTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DaemonProcess Daemon => fixture.Daemon;

    private static JsonObject Handshake(JsonObject auth) => new()
    {
        ["auth"] = auth,
        ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "python_xpipe_api" },
    };

    [Fact]
    public async Task Local_WithTheAuthFileContent_GivesASessionToken()
    {
        var response = await Daemon.PostAsync("/handshake", Handshake(new JsonObject { ["type"] = "Local", ["authFileContent"] = Daemon.ReadAuthToken() }), null, Ct);
        Assert.Equal(200, response.Status);
        var token = response.Json!["sessionToken"]!.GetValue<string>();
        Assert.True(Guid.TryParse(token, out _), token);
    }

    [Fact]
    public async Task Local_WithSurroundingWhiteSpace_IsAccepted()
    {
        var response = await Daemon.PostAsync("/handshake", Handshake(new JsonObject { ["type"] = "Local", ["authFileContent"] = Daemon.ReadAuthToken() + "\n" }), null, Ct);
        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("Local", "authFileContent", "not-the-token")]
    [InlineData("Local", "authFileContent", "")]
    [InlineData("ApiKey", "key", "rampart_unknown")]
    public async Task WrongSecret_Is400AuthenticationFailed(string type, string field, string value)
    {
        var response = await Daemon.PostAsync("/handshake", Handshake(new JsonObject { ["type"] = type, [field] = value }), null, Ct);
        Assert.Equal(400, response.Status);
        Assert.Equal("Authentication failed", response.Message);
    }

    [Theory]
    [InlineData("""{"client":{"type":"Api","name":"x"}}""", "auth")]
    [InlineData("""{"auth":{"type":"Local","authFileContent":"x"}}""", "client")]
    [InlineData("""{"auth":{"type":"Magic"},"client":{"type":"Api","name":"x"}}""", "Magic")]
    [InlineData("""{"auth":{"type":"Local"},"client":{"type":"Api","name":"x"}}""", "authFileContent")]
    [InlineData("""{"auth":{"type":"Local","authFileContent":"x"},"client":{"type":"Api"}}""", "client.name")]
    [InlineData("""not json""", "JSON")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("", "auth")]
    public async Task Malformed_Is400WithAJsonMessage(string body, string mentioned)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Daemon.BaseUri, "/handshake"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        var response = await Daemon.SendAsync(request, Ct);
        Assert.Equal(400, response.Status);
        Assert.Contains(mentioned, response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAuthorization_Is401()
    {
        var response = await Daemon.PostAsync("/connection/query", new JsonObject(), null, Ct);
        Assert.Equal(401, response.Status);
        Assert.Equal("Missing Authorization header", response.Message);
    }

    [Fact]
    public async Task UnknownToken_Is403()
    {
        var response = await Daemon.PostAsync("/daemon/version", null, Guid.NewGuid().ToString(), Ct);
        Assert.Equal(403, response.Status);
        Assert.Equal("Unknown token", response.Message);
    }

    [Fact]
    public async Task Token_WorksWithAndWithoutBearerPrefix()
    {
        var token = await Daemon.HandshakeAsync(Ct);
        foreach (var header in new[] { "Bearer " + token, token })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Daemon.BaseUri, "/daemon/version"));
            request.Headers.TryAddWithoutValidation("Authorization", header);
            var response = await Daemon.SendAsync(request, Ct);
            Assert.Equal(200, response.Status);
        }
    }

    [Fact]
    public async Task ApiKey_CreatedByTheOwner_OpensASession_UntilRevoked()
    {
        var owner = fixture.Client;
        var created = await owner.CallAsync("/rampart/apikey/create", new JsonObject { ["name"] = "ci-key" }, Ct);
        var key = created!["key"]!.GetValue<string>();
        Assert.StartsWith("rampart_", key, StringComparison.Ordinal);

        var response = await Daemon.PostAsync("/handshake", Handshake(new JsonObject { ["type"] = "ApiKey", ["key"] = key }), null, Ct);
        Assert.Equal(200, response.Status);
        var keySession = new ApiClient(Daemon, response.Json!["sessionToken"]!.GetValue<string>());
        Assert.NotNull(await keySession.CallAsync("/daemon/version", null, Ct));

        // A key holder cannot manage keys.
        Assert.Contains("local owner", await keySession.FailAsync("/rampart/apikey/create", new JsonObject { ["name"] = "more" }, 403, Ct), StringComparison.Ordinal);
        await keySession.FailAsync("/rampart/apikey/list", null, 403, Ct);

        var listed = await owner.CallAsync("/rampart/apikey/list", null, Ct);
        var entry = listed!["keys"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "ci-key")!;
        Assert.Null(entry["key"]);
        Assert.Equal(key[..12], entry["prefix"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(entry["lastUsed"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > TimeProvider.System.GetUtcNow().AddMinutes(-5));

        await owner.CallAsync("/rampart/apikey/revoke", new JsonObject { ["name"] = "ci-key" }, Ct);
        Assert.Equal("Unknown token", await keySession.FailAsync("/daemon/version", null, 403, Ct));
        var again = await Daemon.PostAsync("/handshake", Handshake(new JsonObject { ["type"] = "ApiKey", ["key"] = key }), null, Ct);
        Assert.Equal(400, again.Status);
    }

    [Fact]
    public async Task ApiKey_BadNamesAndUnknownRevocations_Are400()
    {
        var owner = fixture.Client;
        await owner.FailAsync("/rampart/apikey/create", new JsonObject { ["name"] = "has space" }, 400, Ct);
        await owner.FailAsync("/rampart/apikey/create", new JsonObject(), 400, Ct);
        Assert.Contains("Unknown API key", await owner.FailAsync("/rampart/apikey/revoke", new JsonObject { ["name"] = "nope" }, 400, Ct), StringComparison.Ordinal);
        await owner.CallAsync("/rampart/apikey/create", new JsonObject { ["name"] = "dup" }, Ct);
        Assert.Contains("already exists", await owner.FailAsync("/rampart/apikey/create", new JsonObject { ["name"] = "dup" }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEndpoint_Is404Json()
    {
        var response = await fixture.Client.PostAsync("/no/such/thing", null, Ct);
        Assert.Equal(404, response.Status);
        Assert.Contains("/no/such/thing", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_AreJsonTyped()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Daemon.BaseUri, "/daemon/version"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Client.Token);
        var response = await Daemon.SendAsync(request, Ct);
        Assert.Equal("application/json", response.ContentType);
    }
}
