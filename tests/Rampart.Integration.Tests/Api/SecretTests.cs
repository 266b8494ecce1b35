using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Api;

public sealed class SecretTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    private async Task<JsonNode> EncryptAsync(string value) =>
        (await Client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = value }, Ct))!["encrypted"]!;

    [Theory]
    [InlineData("passw0rd")]
    [InlineData("")]
    [InlineData("ünïcødé ✓ and \"quotes\"\n")]
    [InlineData("""{"type":"file","file":"/root/.ssh/id_ed25519","password":{"type":"none"}}""")]
    public async Task EncryptDecrypt_RoundTrips(string value)
    {
        var encrypted = await EncryptAsync(value);
        Assert.Equal("vault", encrypted["secret"]!["type"]!.GetValue<string>());
        Assert.NotNull(encrypted["encryptedToken"]!["token"]);
        Assert.DoesNotContain(value.Length > 3 ? value : "\u0000", encrypted.ToJsonString(), StringComparison.Ordinal);
        var decrypted = await Client.CallAsync("/secret/decrypt", new JsonObject { ["encrypted"] = encrypted.DeepClone() }, Ct);
        Assert.Equal(value, decrypted!["decrypted"]!.GetValue<string>());
    }

    [Fact]
    public async Task Encrypt_SameValueTwice_GivesDifferentCiphertexts()
    {
        Assert.NotEqual((await EncryptAsync("same")).ToJsonString(), (await EncryptAsync("same")).ToJsonString());
    }

    [Fact]
    public async Task Decrypt_TamperedValue_Is400()
    {
        var encrypted = await EncryptAsync("tamper-me");
        var value = encrypted["secret"]!["encryptedValue"]!.GetValue<string>();
        var flipped = (value[10] == 'A' ? 'B' : 'A') + "";
        encrypted["secret"]!["encryptedValue"] = value[..10] + flipped + value[11..];
        var message = await Client.FailAsync("/secret/decrypt", new JsonObject { ["encrypted"] = encrypted.DeepClone() }, 400, Ct);
        Assert.DoesNotContain("tamper-me", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"encrypted":"nope"}""")]
    [InlineData("""{"encrypted":{}}""")]
    [InlineData("""{"encrypted":{"secret":{"type":"vault","encryptedValue":"%%%"}}}""")]
    [InlineData("""{"encrypted":{"secret":{"type":"locked","encryptedValue":"AAAA"}}}""")]
    [InlineData("""{"encrypted":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"encrypted":[1,2,3]}""")]
    public async Task Decrypt_Garbage_Is400NeverAServerError(string body)
    {
        await Client.FailAsync("/secret/decrypt", JsonNode.Parse(body), 400, Ct);
    }

    [Fact]
    public async Task Decrypt_SecretOfAnotherDaemon_Is400()
    {
        await using var other = await DaemonProcess.StartAsync(Ct);
        var otherClient = await other.ConnectAsync(Ct);
        var foreign = (await otherClient.CallAsync("/secret/encrypt", new JsonObject { ["value"] = "foreign" }, Ct))!["encrypted"]!;
        Assert.Contains("another vault", await Client.FailAsync("/secret/decrypt", new JsonObject { ["encrypted"] = foreign.DeepClone() }, 400, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_NeverReachTheLog()
    {
        const string marker = "S3cret-Marker-7f3a";
        var encrypted = await EncryptAsync(marker);
        await Client.CallAsync("/secret/decrypt", new JsonObject { ["encrypted"] = encrypted.DeepClone() }, Ct);
        await Client.FailAsync("/secret/decrypt", new JsonObject { ["encrypted"] = marker }, 400, Ct);
        Assert.DoesNotContain(marker, fixture.Daemon.Log, StringComparison.Ordinal);
    }
}
