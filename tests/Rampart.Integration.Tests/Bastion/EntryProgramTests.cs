using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rampart.Contracts.Bastion;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The real <c>rampart-osh</c> binary against a fake daemon on a Unix socket: what it sends, what it plays back, and
/// how it fails.
/// </summary>
public sealed partial class EntryProgramTests : IDisposable
{
    private readonly EntryInstallation _entry = new();
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public EntryProgramTests()
    {
        _timeout.CancelAfter(TimeSpan.FromSeconds(60));
    }

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        _entry.Dispose();
    }

    private static byte[] AllByteValues(int repeat) =>
        [.. Enumerable.Range(0, 256 * repeat).Select(i => (byte)(i % 256))];

    private static void AssertOneErrorLine(EntryResult result, int code, string mentioned)
    {
        Assert.True(result.Code == code, result.ToString());
        Assert.Empty(result.Out);
        var text = result.ErrorText;
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("rampart-osh: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mentioned, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_SendsHello_RelaysBytesBothWays_AndPassesTheExitStatus()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var stdin = AllByteValues(3);
        var stdout = AllByteValues(2).Reverse().ToArray();
        var stderr = "\u00e9chec\0\r\n"u8.ToArray();
        JsonElement hello = default;
        byte[]? received = null;
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            hello = await connection.ReadHelloAsync(Ct);
            received = await connection.ReadStdinToEndAsync(Ct);
            await connection.SendAsync(OshFrame.Stdout, stdout.AsMemory(0, 100), Ct);
            await connection.SendAsync(OshFrame.Stderr, stderr, Ct);
            await connection.SendAsync(OshFrame.Stdout, stdout.AsMemory(100), Ct);
            await connection.SendExitAsync(43, Ct);
        }, Ct);

        var environment = new Dictionary<string, string>
        {
            ["SSH_CONNECTION"] = "192.0.2.7 50022 198.51.100.1 22",
            ["TERM"] = "xterm-256color",
            // The locale sshd accepted goes along, sorted; the bastion's own variables never come from the client.
            ["LC_TIME"] = "en_GB.UTF-8",
            ["LANG"] = "C.UTF-8",
            ["LC_BASTION"] = "forged",
        };
        var result = await _entry.RunAsync(stdin, environment, Ct, "-c", "--osh info --json");
        await script;

        Assert.True(result.Code == 43, result.ToString());
        Assert.Equal(stdout, result.Out);
        Assert.Equal(stderr, result.Error);
        Assert.Equal(stdin, received);
        Assert.Equal(
            """{"version":1,"command":"--osh info --json","tty":false,"term":"xterm-256color","rows":0,"cols":0,"sshConnection":"192.0.2.7 50022 198.51.100.1 22","locale":{"LANG":"C.UTF-8","LC_TIME":"en_GB.UTF-8"}}""",
            hello.GetRawText());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(43)]
    [InlineData(100)]
    [InlineData(110)]
    public async Task ExitStatus_IsTheDaemons(int status)
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            await connection.ReadHelloAsync(Ct);
            await connection.SendExitAsync(status, Ct);
        }, Ct);

        var result = await _entry.RunAsync([], null, Ct, "-c", "user@host -- uptime");
        await script;

        Assert.True(result.Code == status, result.ToString());
        Assert.Empty(result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task BareLogin_SendsANullCommand_AndNoEnvironmentAsNulls()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        JsonElement hello = default;
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            hello = await connection.ReadHelloAsync(Ct);
            Assert.Empty(await connection.ReadStdinToEndAsync(Ct));
            await connection.SendAsync(OshFrame.Stdout, "bye\n"u8.ToArray(), Ct);
            await connection.SendExitAsync(0, Ct);
        }, Ct);

        var result = await _entry.RunAsync([], null, Ct);
        await script;

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal("bye\n"u8.ToArray(), result.Out);
        Assert.Equal("""{"version":1,"command":null,"tty":false,"term":null,"rows":0,"cols":0,"sshConnection":null,"locale":{}}""", hello.GetRawText());
    }

    [Fact]
    public async Task LargeStreams_GoInBoundedChunks_AndArriveWhole()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var stdin = RandomNumberGenerator.GetBytes(300_000);
        // The largest frame the daemon may send, then a second one.
        var stdout = RandomNumberGenerator.GetBytes(OshFrame.MaxPayload + 1000);
        var chunks = new List<int>();
        byte[]? received = null;
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            await connection.ReadHelloAsync(Ct);
            received = await connection.ReadStdinToEndAsync(Ct, chunks);
            await connection.SendAsync(OshFrame.Stdout, stdout.AsMemory(0, OshFrame.MaxPayload), Ct);
            await connection.SendAsync(OshFrame.Stdout, stdout.AsMemory(OshFrame.MaxPayload), Ct);
            await connection.SendExitAsync(0, Ct);
        }, Ct);

        var result = await _entry.RunAsync(stdin, null, Ct, "-c", "--osh selfAddIngressKey");
        await script;

        Assert.True(result.Code == 0, $"exit {result.Code}, stderr: {result.ErrorText}");
        Assert.Equal(stdin, received);
        Assert.All(chunks, size => Assert.InRange(size, 1, 32 * 1024));
        Assert.True(result.Out.AsSpan().SequenceEqual(stdout), $"{result.Out.Length} bytes out of {stdout.Length}");
    }

    [Fact]
    public async Task AuthorizedKeys_SendsOnlyAKeysRequest_AndPrintsTheAnswer()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var keys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop\n"u8.ToArray();
        var frames = new List<(byte Type, byte[] Payload)>();
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            frames.Add(await connection.ExpectFrameAsync(Ct));
            await connection.SendAsync(OshFrame.Stdout, keys, Ct);
            await connection.SendExitAsync(0, Ct);
            // Nothing else comes: the entry program closes the socket once it has the exit status.
            var next = await connection.ReadFrameAsync(Ct);
            Assert.Null(next);
        }, Ct);

        var result = await _entry.RunAsync([], null, Ct, "--authorized-keys", "alice");
        await script;

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(keys, result.Out);
        Assert.Empty(result.Error);
        var (type, payload) = Assert.Single(frames);
        Assert.Equal((char)OshFrame.KeysRequest, (char)type);
        Assert.Equal("alice", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task AuthorizedKeys_PassesARefusal()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            await connection.ExpectFrameAsync(Ct);
            await connection.SendExitAsync(1, Ct);
        }, Ct);

        var result = await _entry.RunAsync([], null, Ct, "--authorized-keys", "nobody");
        await script;

        Assert.True(result.Code == 1, result.ToString());
        Assert.Empty(result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task MissingConfiguration_Exits110()
    {
        var result = await _entry.RunAsync([], null, Ct, "-c", "--osh info");

        AssertOneErrorLine(result, 110, _entry.Combine("rampart-osh.conf"));
    }

    [Fact]
    public async Task ConfigurationWithoutSocket_Exits110()
    {
        _entry.WriteConfig("# socket=/run/rampart/bastion.sock\nother=value\n");

        var result = await _entry.RunAsync([], null, Ct, "-c", "--osh info");

        AssertOneErrorLine(result, 110, "names no socket");
    }

    [Fact]
    public async Task RelativeSocket_Exits110()
    {
        _entry.WriteConfig("socket=run/bastion.sock\n");

        var result = await _entry.RunAsync([], null, Ct, "--authorized-keys", "alice");

        AssertOneErrorLine(result, 110, "not an absolute path");
    }

    [Fact]
    public async Task UnreachableDaemon_Exits110()
    {
        _entry.WriteConfig();

        var result = await _entry.RunAsync([], null, Ct, "-c", "--osh info");

        AssertOneErrorLine(result, 110, $"the Rampart daemon is not reachable at {_entry.SocketPath}: ");
    }

    [Fact]
    public async Task UnexpectedArguments_AreRefused()
    {
        _entry.WriteConfig();

        var result = await _entry.RunAsync([], null, Ct, "-c");

        AssertOneErrorLine(result, 111, "usage");
    }

    [Fact]
    public async Task DaemonClosingWithoutExitStatus_Exits255()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            await connection.ReadHelloAsync(Ct);
            await connection.SendAsync(OshFrame.Stdout, "partial"u8.ToArray(), Ct);
        }, Ct);

        var result = await _entry.RunAsync([], null, Ct, "-c", "--osh info");
        await script;

        Assert.True(result.Code == 255, result.ToString());
        Assert.Equal("partial"u8.ToArray(), result.Out);
        Assert.Equal("rampart-osh: the session ended unexpectedly\n", result.ErrorText);
    }

    [Fact]
    public async Task ClosedStdout_EndsTheSession()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        using var process = System.Diagnostics.Process.Start(_entry.StartInfo(null, "-c", "--osh info"))!;
        // The client is gone: nobody reads what the entry program writes any more.
        process.StandardOutput.Close();
        var error = process.StandardError.ReadToEndAsync(Ct);
        using (var connection = await daemon.AcceptAsync(Ct))
        {
            await connection.ReadHelloAsync(Ct);
            await connection.SendAsync(OshFrame.Stdout, "lost"u8.ToArray(), Ct);
            // The entry program leaves without waiting for an exit status (its stdin is still open).
            while (await connection.ReadFrameAsync(Ct) is { } frame)
            {
                Assert.Equal((char)OshFrame.Stdin, (char)frame.Type);
            }
        }

        await process.WaitForExitAsync(Ct);

        Assert.Equal(255, process.ExitCode);
        Assert.Equal("", await error);
    }

    [Fact]
    public async Task OversizedFrame_IsAProtocolError()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            await connection.ReadHelloAsync(Ct);
            var header = new byte[OshFrame.HeaderSize];
            OshFrame.WriteHeader(header, OshFrame.Stdout, OshFrame.MaxPayload + 1);
            await connection.SendAsync(OshFrame.Stdout, ReadOnlyMemory<byte>.Empty, Ct);
            await connection.SendRawAsync(header, Ct);
        }, Ct);

        var result = await _entry.RunAsync([], null, Ct, "-c", "--osh info");
        await script;

        Assert.True(result.Code == 255, result.ToString());
        Assert.Empty(result.Out);
        Assert.StartsWith("rampart-osh: protocol error: ", result.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_CannotRedirectTheSocket()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        using var impostor = new FakeOshDaemon(_entry.Combine("impostor.sock"));
        var script = Task.Run(async () =>
        {
            using var connection = await daemon.AcceptAsync(Ct);
            await connection.ReadHelloAsync(Ct);
            await connection.SendExitAsync(0, Ct);
        }, Ct);
        var impostorAccept = impostor.AcceptAsync(Ct);

        var environment = new Dictionary<string, string>
        {
            ["socket"] = impostor.SocketPath,
            ["SOCKET"] = impostor.SocketPath,
            ["RAMPART_OSH_SOCKET"] = impostor.SocketPath,
            ["RAMPART_SOCKET"] = impostor.SocketPath,
            ["RAMPART_BASTION_SOCKET"] = impostor.SocketPath,
            ["RAMPART_OSH_CONF"] = impostor.SocketPath,
            ["DOTNET_STARTUP_HOOKS"] = _entry.Combine("hook.dll"),
        };
        var result = await _entry.RunAsync([], environment, Ct, "-c", "--osh info");
        await script;

        Assert.True(result.Code == 0, result.ToString());
        Assert.False(impostorAccept.IsCompleted);
    }

    [Fact]
    public async Task RawTerminal_InAPty_IsRawUntilTheEnd_WithSizeAndResizes()
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        await using var pty = PtyRun.Start(_entry, "stty rows 24 cols 80");
        JsonElement hello = default;
        byte[]? typed = null;
        byte[]? resized = null;
        using (var connection = await daemon.AcceptAsync(Ct))
        {
            hello = await connection.ReadHelloAsync(Ct);
            await connection.SendAsync(OshFrame.RawTerminal, ReadOnlyMemory<byte>.Empty, Ct);
            await connection.SendAsync(OshFrame.Stdout, "READY"u8.ToArray(), Ct);
            await pty.WaitForOutputAsync("READY", Ct);

            // Raw: no line discipline, so Ctrl-C and a lone letter arrive as bytes, at once.
            await pty.TypeAsync([0x03, (byte)'q'], Ct);
            using var bytes = new MemoryStream();
            while (bytes.Length < 2)
            {
                var (type, payload) = await connection.ExpectFrameAsync(Ct);
                Assert.Equal((char)OshFrame.Stdin, (char)type);
                await bytes.WriteAsync(payload, Ct);
            }

            typed = bytes.ToArray();

            // stty sets rows and columns with one ioctl each, so one or two frames come; the last carries both.
            await PtyRun.ResizeAsync(connection.PeerPid, 40, 120, Ct);
            do
            {
                var (sizeType, sizePayload) = await connection.ExpectFrameAsync(Ct);
                Assert.Equal((char)OshFrame.WindowSize, (char)sizeType);
                resized = sizePayload;
            }
            while (BinaryPrimitives.ReadUInt16BigEndian(resized.AsSpan(2)) != 120);

            await connection.SendExitAsync(7, Ct);
        }

        var output = await pty.FinishAsync(Ct);

        Assert.Equal(JsonValueKind.True, hello.GetProperty("tty").ValueKind);
        Assert.Equal(24, hello.GetProperty("rows").GetInt32());
        Assert.Equal(80, hello.GetProperty("cols").GetInt32());
        Assert.Equal("xterm", hello.GetProperty("term").GetString());
        Assert.Equal([0x03, (byte)'q'], typed);
        Assert.Equal(40, BinaryPrimitives.ReadUInt16BigEndian(resized));
        Assert.Equal(120, BinaryPrimitives.ReadUInt16BigEndian(resized.AsSpan(2)));
        Assert.Contains("status=7", output, StringComparison.Ordinal);
        AssertCooked(output);
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    public async Task RawTerminal_IsRestored_WhenASignalEndsTheSession(string signal, int status)
    {
        _entry.WriteConfig();
        using var daemon = new FakeOshDaemon(_entry.SocketPath);
        await using var pty = PtyRun.Start(_entry, "true");
        using (var connection = await daemon.AcceptAsync(Ct))
        {
            await connection.ReadHelloAsync(Ct);
            await connection.SendAsync(OshFrame.RawTerminal, ReadOnlyMemory<byte>.Empty, Ct);
            await connection.SendAsync(OshFrame.Stdout, "READY"u8.ToArray(), Ct);
            await pty.WaitForOutputAsync("READY", Ct);

            await PtyRun.RunAsync("kill", [$"-{signal}", connection.PeerPid.ToString(System.Globalization.CultureInfo.InvariantCulture)], Ct);
            Assert.Null(await connection.ReadFrameAsync(Ct));
        }

        var output = await pty.FinishAsync(Ct);

        Assert.Contains($"status={status}", output, StringComparison.Ordinal);
        AssertCooked(output);
    }

    /// <summary>`stty -a` ran after the entry program: the terminal is back in canonical mode with echo.</summary>
    private static void AssertCooked(string output)
    {
        Assert.Matches(CanonicalMode(), output);
        Assert.Matches(EchoMode(), output);
        Assert.DoesNotMatch(RawMode(), output);
    }

    [GeneratedRegex(@"(^|\s)icanon(\s|$)")]
    private static partial Regex CanonicalMode();

    [GeneratedRegex(@"(^|\s)echo(\s|$)")]
    private static partial Regex EchoMode();

    [GeneratedRegex(@"(^|\s)-icanon(\s|$)")]
    private static partial Regex RawMode();
}
