using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Shells;

/// <summary>/action file actions (XPipe's §8.2 shape: id, ref, files and the action's fields) on a real shell.</summary>
public sealed class FileActionTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private const string LocalMachine = "f0ec68aa-63f5-405c-b178-9a4454556d6b";

    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiClient Client => fixture.Client;

    public void Dispose() => _directory.Dispose();

    private Task<JsonNode?> ActAsync(JsonObject action, string connection = LocalMachine)
    {
        action["ref"] = connection;
        return Client.CallAsync("/action", new JsonObject { ["action"] = action, ["confirm"] = false }, Ct);
    }

    private Task<string> FailAsync(JsonObject action)
    {
        action["ref"] = LocalMachine;
        return Client.FailAsync("/action", new JsonObject { ["action"] = action }, 400, Ct);
    }

    [Fact]
    public async Task NewFileNewDirectoryRenameMoveChmodDelete_DoWhatTheySay()
    {
        var root = _directory.Path;
        await ActAsync(new JsonObject { ["id"] = "newDirectory", ["files"] = new JsonArray(root), ["name"] = "sub dir" });
        Assert.True(Directory.Exists(Path.Combine(root, "sub dir")));

        await ActAsync(new JsonObject { ["id"] = "newFile", ["files"] = new JsonArray(Path.Combine(root, "sub dir")), ["name"] = "it's.txt" });
        var file = Path.Combine(root, "sub dir", "it's.txt");
        Assert.True(File.Exists(file));

        await ActAsync(new JsonObject { ["id"] = "renameFile", ["files"] = new JsonArray(file), ["name"] = "-renamed" });
        var renamed = Path.Combine(root, "sub dir", "-renamed");
        Assert.True(File.Exists(renamed));

        await ActAsync(new JsonObject { ["id"] = "moveFile", ["files"] = new JsonArray(renamed), ["target"] = Path.Combine(root, "moved") });
        var moved = Path.Combine(root, "moved");
        Assert.True(File.Exists(moved));

        await ActAsync(new JsonObject { ["id"] = "chmod", ["files"] = new JsonArray(moved), ["permissions"] = "640", ["recursive"] = false });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(moved));
        await ActAsync(new JsonObject { ["id"] = "chmod", ["files"] = new JsonArray(moved), ["permissions"] = "u+x,g-r" });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(moved));

        await ActAsync(new JsonObject { ["id"] = "chown", ["files"] = new JsonArray(root), ["owner"] = Environment.UserName, ["recursive"] = true });
        var group = (await Client.CallAsync("/shell/exec", new JsonObject { ["connection"] = LocalMachine, ["command"] = "id -gn" }, Ct))!["stdout"]!.GetValue<string>();
        await ActAsync(new JsonObject { ["id"] = "chgrp", ["files"] = new JsonArray(moved), ["group"] = group });

        await ActAsync(new JsonObject { ["id"] = "deleteFile", ["files"] = new JsonArray(moved, Path.Combine(root, "sub dir")) });
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public async Task BadFields_Are400s_AndChangeNothing()
    {
        var root = _directory.Path;
        var file = Path.Combine(root, "keep");
        await File.WriteAllTextAsync(file, "x", Ct);

        Assert.Contains("files", await FailAsync(new JsonObject { ["id"] = "deleteFile" }), StringComparison.Ordinal);
        Assert.Contains("files", await FailAsync(new JsonObject { ["id"] = "deleteFile", ["files"] = new JsonArray() }), StringComparison.Ordinal);
        Assert.Contains("permissions", await FailAsync(new JsonObject { ["id"] = "chmod", ["files"] = new JsonArray(file), ["permissions"] = "777; rm -rf /" }), StringComparison.Ordinal);
        Assert.Contains("owner", await FailAsync(new JsonObject { ["id"] = "chown", ["files"] = new JsonArray(file), ["owner"] = "$(id)" }), StringComparison.Ordinal);
        Assert.Contains("single file name", await FailAsync(new JsonObject { ["id"] = "newFile", ["files"] = new JsonArray(root), ["name"] = "../escape" }), StringComparison.Ordinal);
        Assert.Contains("exactly one", await FailAsync(new JsonObject { ["id"] = "renameFile", ["files"] = new JsonArray(file, file), ["name"] = "x" }), StringComparison.Ordinal);
        Assert.Contains("No such file", await FailAsync(new JsonObject { ["id"] = "moveFile", ["files"] = new JsonArray(Path.Combine(root, "absent")), ["target"] = file }), StringComparison.Ordinal);
        var identity = await Client.AddAsync("file-action-identity", new JsonObject { ["type"] = "localIdentity", ["username"] = "someone" }, Ct);
        Assert.Contains("not applicable", await Client.FailAsync("/action", new JsonObject
        {
            ["action"] = new JsonObject { ["id"] = "deleteFile", ["ref"] = identity, ["files"] = new JsonArray(file) },
        }, 400, Ct), StringComparison.Ordinal);

        Assert.Equal("x", await File.ReadAllTextAsync(file, Ct));
    }
}
