using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>/fs/* on the local machine, including what the xpipe_api test suite checks (reference §9.5).</summary>
public sealed class LocalFileTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    /// <summary>requests.post(url, data=bytes): no Content-Type at all.</summary>
    private async Task<string> BlobAsync(byte[] bytes, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Daemon.BaseUri, "/fs/blob"));
        request.Content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Client.Token);
        var response = await fixture.Daemon.SendAsync(request, Ct);
        Assert.True(response.Status == 200, response.ToString());
        return response.Json!["blob"]!.GetValue<string>();
    }

    private async Task<string> TempAsync() =>
        (await Client.CallAsync("/shell/start", new JsonObject { ["connection"] = LocalMachine }, Ct))!["temp"]!.GetValue<string>();

    [Fact]
    public async Task PythonSuite_BlobWriteReadScript()
    {
        var temp = await TempAsync();
        var blob = await BlobAsync(Encoding.UTF8.GetBytes("test"));
        var file = Path.Combine(temp, "xpipe_testfile_" + Guid.NewGuid().ToString("N")[..8]);
        await Client.CallAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = blob, ["path"] = file }, Ct);
        Assert.Equal("test", await File.ReadAllTextAsync(file, Ct));

        await File.WriteAllTextAsync(file, "test", Ct);
        var read = await Client.PostAsync("/fs/read", new JsonObject { ["connection"] = LocalMachine, ["path"] = file }, Ct);
        Assert.Equal(200, read.Status);
        Assert.Equal("test"u8.ToArray(), read.Body);
        File.Delete(file);

        const string script = "#!/bin/sh\necho hello world";
        var scriptBlob = await BlobAsync(Encoding.UTF8.GetBytes(script));
        var path = (await Client.CallAsync("/fs/script", new JsonObject { ["connection"] = LocalMachine, ["blob"] = scriptBlob }, Ct))!["path"]!.GetValue<string>();
        Assert.StartsWith(temp, path, StringComparison.Ordinal);
        Assert.Equal(script, (await File.ReadAllTextAsync(path, Ct)).Trim());
        var run = await Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "\"" + path + "\"" }, Ct);
        Assert.Equal("hello world", run!["stdout"]!.GetValue<string>().Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task BinaryFile_RoundTripsByteExact_ThroughChunkedUpload()
    {
        var temp = await TempAsync();
        var bytes = RandomNumberGenerator.GetBytes(20 * 1024 * 1024 + 7);
        var blob = await BlobAsync(bytes, chunked: true);
        var file = Path.Combine(temp, "rampart-binary-" + Guid.NewGuid().ToString("N")[..8]);
        await Client.CallAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = blob, ["path"] = file }, Ct);
        var read = await Client.PostAsync("/fs/read", new JsonObject { ["connection"] = LocalMachine, ["path"] = file }, Ct);
        File.Delete(file);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(read.Body));
    }

    [Fact]
    public async Task Write_ExpandsTilde_AndBlobsAreReusable()
    {
        await TempAsync();
        var blob = await BlobAsync("line one\nline two"u8.ToArray());
        var name = "rampart-tilde-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CallAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = blob, ["path"] = "~/" + name }, Ct);
        await Client.CallAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = blob, ["path"] = "~/" + name + ".2" }, Ct);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal("line one\nline two", await File.ReadAllTextAsync(Path.Combine(home, name), Ct));
        Assert.Equal("line one\nline two", await File.ReadAllTextAsync(Path.Combine(home, name + ".2"), Ct));
        File.Delete(Path.Combine(home, name));
        File.Delete(Path.Combine(home, name + ".2"));
    }

    [Fact]
    public async Task BadInput_IsAClear400()
    {
        await TempAsync();
        Assert.Equal("File does not exist", await Client.FailAsync("/fs/read", new JsonObject { ["connection"] = LocalMachine, ["path"] = "/no/such/file" }, 400, Ct));
        Assert.Contains("directory", await Client.FailAsync("/fs/read", new JsonObject { ["connection"] = LocalMachine, ["path"] = "/tmp" }, 400, Ct), StringComparison.Ordinal);
        var unknown = Guid.NewGuid();
        Assert.Equal($"No saved data known for id {unknown}", await Client.FailAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = unknown.ToString(), ["path"] = "/tmp/x" }, 400, Ct));
        var blob = await BlobAsync("x"u8.ToArray());
        Assert.Contains("does not exist", await Client.FailAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = blob, ["path"] = "/no/such/dir/file" }, 400, Ct), StringComparison.Ordinal);
        await Client.FailAsync("/fs/write", new JsonObject { ["connection"] = LocalMachine, ["blob"] = blob }, 400, Ct);
    }

    [Fact]
    public async Task WithoutAShell_FileCallsAre400()
    {
        var host = await Client.AddAsync("fs-no-shell", new JsonObject { ["type"] = "ssh", ["host"] = "127.0.0.1" }, Ct);
        Assert.Equal($"No active shell session known for id {host}", await Client.FailAsync("/fs/read", new JsonObject { ["connection"] = host, ["path"] = "/etc/hostname" }, 400, Ct));
    }
}
