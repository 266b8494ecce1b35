using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Daemon;

/// <summary>What was acknowledged survives a restart and a SIGKILL; the vault key survives with it.</summary>
public sealed class PersistenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_KeepsEntriesCategoriesKeysAndSecrets()
    {
        await using var daemon = new DaemonProcess();
        await daemon.StartAsync(cancellationToken: Ct);
        var client = await daemon.ConnectAsync(Ct);
        var category = (await client.CallAsync("/category/add", new JsonObject { ["name"] = "Persisted", ["parent"] = "97458c07-75c0-4f9d-a06e-92d8cdf67c40" }, Ct))!["category"]!.GetValue<string>();
        var entry = await client.AddAsync("kept", new JsonObject { ["type"] = "ssh", ["host"] = "kept.example", ["port"] = 2022 }, Ct, category);
        var encrypted = (await client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = "kept-secret" }, Ct))!["encrypted"]!;
        var key = (await client.CallAsync("/rampart/apikey/create", new JsonObject { ["name"] = "kept-key" }, Ct))!["key"]!.GetValue<string>();

        await daemon.StopAsync(Ct);
        Assert.False(File.Exists(daemon.AuthFile), "the auth file is removed at exit");
        await daemon.StartAsync(cancellationToken: Ct);
        client = await daemon.ConnectAsync(Ct);

        Assert.Equal([entry], await client.QueryAsync("default/persisted", "kept", "ssh", Ct));
        Assert.Equal(2022, (await client.InfoAsync(entry, Ct))["rawData"]!["port"]!.GetValue<int>());
        var decrypted = await client.CallAsync("/secret/decrypt", new JsonObject { ["encrypted"] = encrypted.DeepClone() }, Ct);
        Assert.Equal("kept-secret", decrypted!["decrypted"]!.GetValue<string>());
        var handshake = await daemon.PostAsync("/handshake", new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "ApiKey", ["key"] = key },
            ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "t" },
        }, null, Ct);
        Assert.Equal(200, handshake.Status);
    }

    [Fact]
    public async Task Kill9_AfterAcknowledgedWrites_LosesNothing()
    {
        await using var daemon = new DaemonProcess();
        await daemon.StartAsync(cancellationToken: Ct);
        var client = await daemon.ConnectAsync(Ct);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await client.AddAsync($"durable-{i}", new JsonObject { ["type"] = "ssh", ["host"] = $"durable-{i}.example" }, Ct));
        }

        await client.CallAsync("/connection/remove", new JsonObject { ["connections"] = new JsonArray(ids[0]) }, Ct);
        await daemon.KillAsync(Ct);
        await daemon.StartAsync(cancellationToken: Ct);
        client = await daemon.ConnectAsync(Ct);

        Assert.Equal(ids.Skip(1), await client.QueryAsync("**", "durable-*", "*", Ct));
    }

    [Fact]
    public async Task Files_AreOwnerOnly()
    {
        await using var daemon = new DaemonProcess();
        await daemon.StartAsync(cancellationToken: Ct);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(daemon.AuthFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(daemon.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(daemon.DataDirectory, "vault.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(daemon.DataDirectory, "rampart.db")));
    }

    [Fact]
    public async Task PassphraseVault_NeedsThePassphraseToStart()
    {
        await using var daemon = new DaemonProcess();
        daemon.Environment["RAMPART_VAULT_PASSPHRASE"] = "correct horse battery staple";
        await daemon.StartAsync(cancellationToken: Ct);
        var client = await daemon.ConnectAsync(Ct);
        var encrypted = (await client.CallAsync("/secret/encrypt", new JsonObject { ["value"] = "locked-away" }, Ct))!["encrypted"]!;
        await daemon.StopAsync(Ct);
        Assert.DoesNotContain("locked-away", await File.ReadAllTextAsync(Path.Combine(daemon.DataDirectory, "vault.key"), Ct), StringComparison.Ordinal);

        daemon.Environment.Remove("RAMPART_VAULT_PASSPHRASE");
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => daemon.StartAsync(cancellationToken: Ct));
        Assert.Contains("passphrase", missing.Message, StringComparison.OrdinalIgnoreCase);

        daemon.Environment["RAMPART_VAULT_PASSPHRASE"] = "wrong";
        var wrong = await Assert.ThrowsAsync<InvalidOperationException>(() => daemon.StartAsync(cancellationToken: Ct));
        Assert.Contains("Wrong vault passphrase", wrong.Message, StringComparison.Ordinal);

        daemon.Environment["RAMPART_VAULT_PASSPHRASE"] = "correct horse battery staple";
        await daemon.StartAsync(cancellationToken: Ct);
        client = await daemon.ConnectAsync(Ct);
        var decrypted = await client.CallAsync("/secret/decrypt", new JsonObject { ["encrypted"] = encrypted.DeepClone() }, Ct);
        Assert.Equal("locked-away", decrypted!["decrypted"]!.GetValue<string>());
    }

    [Fact]
    public async Task PortInUse_FailsWithOneClearLine()
    {
        await using var first = new DaemonProcess();
        await first.StartAsync(cancellationToken: Ct);
        await using var second = new DaemonProcess();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            second.StartAsync(["--listen", $"127.0.0.1:{first.Port}"], Ct));
        Assert.Contains("cannot listen", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Log, StringComparison.Ordinal);
    }
}
