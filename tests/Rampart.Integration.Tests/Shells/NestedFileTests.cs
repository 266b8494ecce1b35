using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>/fs/* inside nested shells: the host's files, seen, written and owned as the nested shell's user.</summary>
public sealed class NestedFileTests : IAsyncLifetime
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private SystemUser? _user;
    private DaemonProcess _daemon = null!;
    private ApiClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (SystemUser.CanCreate && File.Exists("/usr/bin/sudo"))
        {
            _user = await SystemUser.CreateAsync(Ct);
        }

        _daemon = await DaemonProcess.StartAsync(Ct);
        _client = await _daemon.ConnectAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        if (_user is not null)
        {
            await _user.DisposeAsync();
        }
    }

    private async Task<string> StartNestedAsync(string name, JsonObject data)
    {
        data["type"] = "shellEnvironment";
        data["host"] = LocalMachine;
        var id = await _client.AddAsync(name, data, Ct);
        await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = id }, Ct);
        return id;
    }

    [Fact]
    public async Task NestedShellAsAnotherUser_WritesReadsAndRunsScriptsAsThatUser()
    {
        Assert.SkipWhen(_user is null, "needs root and sudo to create a throwaway account");
        var id = await StartNestedAsync("nested-as-user", new JsonObject { ["shell"] = "sh", ["user"] = _user!.Name });
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 1);

        await _client.CallAsync("/fs/write", new JsonObject { ["connection"] = id, ["blob"] = await _client.BlobAsync(bytes, Ct), ["path"] = "~/data.bin" }, Ct);
        var home = $"/home/{_user.Name}";
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync($"{home}/data.bin", Ct)));
        var owner = await _client.CallAsync("/shell/exec", new JsonObject { ["connection"] = id, ["command"] = "stat -c %U ~/data.bin" }, Ct);
        Assert.Equal(_user.Name, owner!["stdout"]!.GetValue<string>());

        var read = await _client.PostAsync("/fs/read", new JsonObject { ["connection"] = id, ["path"] = "~/data.bin" }, Ct);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(read.Body));

        var script = await _client.CallAsync("/fs/script", new JsonObject { ["connection"] = id, ["blob"] = await _client.BlobAsync("#!/bin/sh\nid -un\n"u8.ToArray(), Ct) }, Ct);
        var path = script!["path"]!.GetValue<string>();
        var ran = await _client.CallAsync("/shell/exec", new JsonObject { ["connection"] = id, ["command"] = path }, Ct);
        Assert.Equal(_user.Name, ran!["stdout"]!.GetValue<string>());

        // The nested user's permissions hold: root's files stay out of reach.
        var denied = await _client.FailAsync("/fs/read", new JsonObject { ["connection"] = id, ["path"] = "/etc/shadow" }, 400, Ct);
        Assert.Contains("Permission denied", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedShellOfTheSameUser_ServesFilesToo()
    {
        var id = await StartNestedAsync("nested-dash-files", new JsonObject { ["shell"] = "dash" });
        var temp = (await _client.CallAsync("/shell/start", new JsonObject { ["connection"] = id }, Ct))!["temp"]!.GetValue<string>();
        var file = Path.Combine(temp, "rampart-nested-" + Guid.NewGuid().ToString("N")[..8]);
        await _client.CallAsync("/fs/write", new JsonObject { ["connection"] = id, ["blob"] = await _client.BlobAsync("nested\0bytes"u8.ToArray(), Ct), ["path"] = file }, Ct);
        var read = await _client.PostAsync("/fs/read", new JsonObject { ["connection"] = id, ["path"] = file }, Ct);
        File.Delete(file);
        Assert.Equal("nested\0bytes", Encoding.UTF8.GetString(read.Body));
    }
}
