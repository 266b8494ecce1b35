using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Rampart.Bastion.Recording;

namespace Rampart.Bastion.Tests.Recording;

public sealed class SessionRecorderTests : IDisposable
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = FileMode0600 | UnixFileMode.UserExecute;

    private readonly TempDirectory _temp = new();
    private readonly ManualTime _time = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Chunks cut anywhere, as a pump reads them: characters split across chunks, escape sequences, bytes that are
    /// not UTF-8, NUL, and a character the session never finished.
    /// </summary>
    private async Task<SessionRecorder> RecordSampleAsync(string directory)
    {
        var recorder = SessionRecorder.Create(directory, "s1", RecordingKind.Interactive, 100, 30, "xterm-256color", "alice@db1", _time);
        _time.Advance(0.25);
        recorder.Stdout("hello "u8);
        _time.Advance(0.25);
        recorder.Stdout("\e[1;31mred\e[0m\r\n"u8);
        _time.Advance(0.5);
        recorder.Stdout([0xC3]);
        _time.Advance(0.25);
        recorder.Stdout([0xA9, (byte)'x']);
        recorder.Stdout([0xE2]);
        recorder.Stdout([0x82]);
        recorder.Stdout([0xAC, (byte)'!']);
        _time.Advance(1);
        recorder.Stdout([0xFF, (byte)'a', 0xC3, (byte)'b']);
        _time.Advance(0.000001);
        recorder.Stdout([0x00, (byte)'z']);
        recorder.Stdout([0xF0, 0x9F]);
        _time.Advance(1);
        await recorder.DisposeAsync();
        return recorder;
    }

    private static readonly AsciicastEvent[] s_sampleEvents =
    [
        new(0.25, "o", "hello "),
        new(0.5, "o", "\e[1;31mred\e[0m\r\n"),
        new(1.25, "o", "éx"),
        new(1.25, "o", "€!"),
        new(2.25, "o", "\uFFFDa\uFFFDb"),
        new(2.250001, "o", "\0z"),
        new(3.250001, "o", "\uFFFD"),
    ];

    [Fact]
    public async Task Interactive_RoundTrip_KeepsTheOutputExactly()
    {
        var recorder = await RecordSampleAsync(_temp.Path);

        var file = _temp.Combine("s1.cast");
        Assert.Equal([file], recorder.Files);
        Assert.Equal(6 + 16 + 1 + 2 + 1 + 1 + 2 + 4 + 2 + 2, recorder.BytesRecorded);
        var recording = await AsciicastReader.ReadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(s_sampleEvents, recording.Events);

        var lines = TempDirectory.Lines(file);
        Assert.Equal(8, lines.Length);
        foreach (var line in lines)
        {
            using var _ = JsonDocument.Parse(line);
        }

        // Control characters are escaped, never written raw; times have six decimals.
        Assert.Equal("""[0.250000,"o","hello "]""", lines[1]);
        Assert.Equal("""[0.500000,"o","\u001B[1;31mred\u001B[0m\r\n"]""", lines[2]);
        Assert.Equal("""[2.250001,"o","\u0000z"]""", lines[6]);
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(bytes, b => b < 0x20 && b != (byte)'\n');
    }

    [Fact]
    public async Task AsciinemaCat_PrintsWhatTheSessionShowed()
    {
        var asciinema = OnPath("asciinema");
        var script = OnPath("script");
        Assert.SkipWhen(asciinema is null, "asciinema is not installed");
        Assert.SkipWhen(script is null, "script (util-linux) is not installed");
        await RecordSampleAsync(_temp.Path);

        // asciinema cat reads keys from /dev/tty, which a headless run lacks: script(1) lends it a terminal, and its
        // output goes to a file, so no terminal rewrites a byte.
        var shown = _temp.Combine("shown");
        var start = new ProcessStartInfo(script!) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-qec", $"'{asciinema}' cat '{_temp.Combine("s1.cast")}' > '{shown}'", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(s_sampleEvents.Select(e => e.Data))), await File.ReadAllBytesAsync(shown, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Header_HoldsOnlyTheSpecsFields_WithTheStartTimeAndTerminal()
    {
        await using (SessionRecorder.Create(_temp.Path, "pty", RecordingKind.Interactive, 132, 43, "xterm-256color", "alice@db1:22", _time))
        {
        }

        await using (SessionRecorder.Create(_temp.Path, "cmd", RecordingKind.Command, 0, -1, null, "alice → db1 uptime", _time))
        {
        }

        Assert.Equal(
            ["""{"version":2,"width":132,"height":43,"timestamp":1700000000,"title":"alice@db1:22","env":{"TERM":"xterm-256color","SHELL":null}}"""],
            TempDirectory.Lines(_temp.Combine("pty.cast")));
        Assert.Equal(
            ["""{"version":2,"width":80,"height":24,"timestamp":1700000000,"title":"alice → db1 uptime","env":{"TERM":null,"SHELL":null}}"""],
            TempDirectory.Lines(_temp.Combine("cmd.cast")));
        Assert.Equal(
            ["""{"version":2,"width":80,"height":24,"timestamp":1700000000,"title":"alice → db1 uptime (stderr)","env":{"TERM":null,"SHELL":null}}"""],
            TempDirectory.Lines(_temp.Combine("cmd.stderr.cast")));

        var header = (await AsciicastReader.ReadAsync(_temp.Combine("pty.cast"), TestContext.Current.CancellationToken)).Header;
        Assert.Equal((132, 43, 1_700_000_000L, "alice@db1:22", (double?)null), (header.Width, header.Height, header.Timestamp, header.Title, header.IdleTimeLimit));
        Assert.Equal(new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["SHELL"] = null }, header.Env);
    }

    [Fact]
    public async Task Files_AreOwnerOnly_InAnOwnerOnlyDirectory()
    {
        var directory = _temp.Combine("alice/ttyrec");
        await using (var recorder = SessionRecorder.Create(directory, "c1", RecordingKind.Command, 80, 24, null, "t", _time))
        {
            Assert.Equal([Path.Combine(directory, "c1.cast"), Path.Combine(directory, "c1.stderr.cast")], recorder.Files);
        }

        Assert.Equal(DirectoryMode0700, File.GetUnixFileMode(directory));
        Assert.Equal(FileMode0600, File.GetUnixFileMode(Path.Combine(directory, "c1.cast")));
        Assert.Equal(FileMode0600, File.GetUnixFileMode(Path.Combine(directory, "c1.stderr.cast")));
    }

    [Fact]
    public async Task Command_KeepsStdoutAndStderrApart_OnOneClock()
    {
        await using (var recorder = SessionRecorder.Create(_temp.Path, "c2", RecordingKind.Command, 80, 24, null, "t", _time))
        {
            _time.Advance(0.1);
            recorder.Stdout("out1\n"u8);
            _time.Advance(0.1);
            recorder.Stderr("err1\n"u8);
            recorder.Resize(120, 40);
            _time.Advance(0.1);
            recorder.Stdout("out2\n"u8);
            Assert.Equal(15, recorder.BytesRecorded);
        }

        var stdout = await AsciicastReader.ReadAsync(_temp.Combine("c2.cast"), TestContext.Current.CancellationToken);
        var stderr = await AsciicastReader.ReadAsync(_temp.Combine("c2.stderr.cast"), TestContext.Current.CancellationToken);
        Assert.Equal([new(0.1, "o", "out1\n"), new(0.3, "o", "out2\n")], stdout.Events);
        Assert.Equal([new AsciicastEvent(0.2, "o", "err1\n")], stderr.Events);
        Assert.Equal(stdout.Header.Timestamp, stderr.Header.Timestamp);
    }

    [Fact]
    public async Task OutputPastTheLimit_IsRecordedUpToIt_ThenRefused()
    {
        await using (var recorder = SessionRecorder.Create(_temp.Path, "cap", RecordingKind.Command, 80, 24, null, "t", _time, maxBytes: 10))
        {
            recorder.Stdout("12345"u8);
            recorder.Stderr("678"u8);
            // Stdout and stderr share the limit: 2 bytes of room are left, and this chunk has 4.
            var full = Assert.Throws<RecordingFullException>(() => recorder.Stdout("abcd"u8));
            Assert.Equal(10, full.Limit);
            Assert.Equal(10, recorder.BytesRecorded);
            Assert.Throws<RecordingFullException>(() => recorder.Stderr("x"u8));
        }

        var stdout = await AsciicastReader.ReadAsync(_temp.Combine("cap.cast"), TestContext.Current.CancellationToken);
        Assert.Equal("12345ab", string.Concat(stdout.Events.Select(e => e.Data)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionRecorder.Create(_temp.Path, "zero", RecordingKind.Command, 80, 24, null, "t", _time, maxBytes: 0));
    }

    [Fact]
    public async Task Interactive_PutsStderrAndResizesInTheOneFile()
    {
        await using (var recorder = SessionRecorder.Create(_temp.Path, "p", RecordingKind.Interactive, 80, 24, "xterm", "t", _time))
        {
            recorder.Stdout("$ "u8);
            _time.Advance(2);
            recorder.Resize(120, 40);
            recorder.Resize(0, 0);
            recorder.Stderr("warning\r\n"u8);
            Assert.Single(recorder.Files);
        }

        Assert.False(File.Exists(_temp.Combine("p.stderr.cast")));
        var recording = await AsciicastReader.ReadAsync(_temp.Combine("p.cast"), TestContext.Current.CancellationToken);
        Assert.Equal([new(0, "o", "$ "), new(2, "r", "120x40"), new(2, "o", "warning\r\n")], recording.Events);
    }

    [Fact]
    public async Task EachStream_FinishesItsOwnSplitCharacters()
    {
        await using (var recorder = SessionRecorder.Create(_temp.Path, "split", RecordingKind.Interactive, 80, 24, "xterm", "t", _time))
        {
            // "é" on stdout and "ü" on stderr, their halves interleaved: neither may borrow the other's bytes.
            recorder.Stdout([0xC3]);
            recorder.Stderr([0xC3]);
            recorder.Stdout([0xA9]);
            recorder.Stderr([0xBC]);
        }

        var recording = await AsciicastReader.ReadAsync(_temp.Combine("split.cast"), TestContext.Current.CancellationToken);
        Assert.Equal([new(0, "o", "é"), new(0, "o", "ü")], recording.Events);
    }

    [Fact]
    public async Task ConcurrentWriters_NeverMixBytesWithinAnEventLine()
    {
        const int Chunks = 20_000;
        var file = _temp.Combine("busy.cast");
        await using (var recorder = SessionRecorder.Create(_temp.Path, "busy", RecordingKind.Interactive, 80, 24, "xterm", "t", TimeProvider.System))
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task Pump(char letter, Action<SessionRecorder, byte[]> write) => Task.Run(async () =>
            {
                await go.Task;
                for (var i = 0; i < Chunks; i++)
                {
                    write(recorder, Encoding.UTF8.GetBytes(Chunk(letter, i)));
                }
            });

            var pumps = new[] { Pump('A', (r, b) => r.Stdout(b)), Pump('B', (r, b) => r.Stderr(b)) };
            go.SetResult();
            await Task.WhenAll(pumps);
            Assert.Equal(2L * Chunks * Encoding.UTF8.GetByteCount(Chunk('A', 0)), recorder.BytesRecorded);
        }

        var lines = TempDirectory.Lines(file);
        Assert.Equal(1 + 2 * Chunks, lines.Length);
        var events = new List<AsciicastEvent>();
        foreach (var line in lines.Skip(1))
        {
            using var document = JsonDocument.Parse(line);
            var e = document.RootElement;
            events.Add(new AsciicastEvent(e[0].GetDouble(), e[1].GetString()!, e[2].GetString()!));
        }

        Assert.Equal(Enumerable.Range(0, Chunks).Select(i => Chunk('A', i)), events.Where(e => e.Data[0] == 'A').Select(e => e.Data));
        Assert.Equal(Enumerable.Range(0, Chunks).Select(i => Chunk('B', i)), events.Where(e => e.Data[0] == 'B').Select(e => e.Data));
        Assert.Equal(events.Select(e => e.Time).Order(), events.Select(e => e.Time));

        static string Chunk(char letter, int i) => $"{letter}{i:D5}{new string(letter, 50)}é\r\n";
    }

    [Fact]
    public async Task Output_ReachesTheDisk_WhenTheFlushTimerFires()
    {
        var recorder = SessionRecorder.Create(_temp.Path, "f", RecordingKind.Interactive, 80, 24, "xterm", "t", _time);
        var file = _temp.Combine("f.cast");
        var timer = Assert.Single(_time.Timers);
        Assert.Equal(TimeSpan.FromMilliseconds(200), timer.Period);

        Assert.Single(TempDirectory.Lines(file));
        recorder.Stdout("buffered"u8);
        Assert.Single(TempDirectory.Lines(file));
        _time.FireTimers();
        Assert.Equal("""[0.000000,"o","buffered"]""", TempDirectory.Lines(file)[1]);

        // Past 64 KiB pending, lines go out without waiting for the timer, and only whole lines.
        var chunk = Encoding.UTF8.GetBytes(new string('é', 500));
        for (var i = 0; i < 70; i++)
        {
            recorder.Stdout(chunk);
        }

        var lines = TempDirectory.Lines(file);
        Assert.InRange(lines.Length, 2 + 60, 2 + 69);
        Assert.All(lines.Skip(2), line => Assert.Equal("[0.000000,\"o\",\"" + new string('é', 500) + "\"]", line));

        await recorder.DisposeAsync();
        Assert.Equal(2 + 70, TempDirectory.Lines(file).Length);
        Assert.True(timer.Disposed);
        Assert.Throws<ObjectDisposedException>(() => recorder.Stdout("late"u8));
    }

    [Fact]
    public async Task Create_NeverOverwritesARecording_NorLeavesTheDirectory()
    {
        await using (SessionRecorder.Create(_temp.Path, "same", RecordingKind.Interactive, 80, 24, "xterm", "t", _time))
        {
        }

        var before = await File.ReadAllBytesAsync(_temp.Combine("same.cast"), TestContext.Current.CancellationToken);
        Assert.Throws<IOException>(() => SessionRecorder.Create(_temp.Path, "same", RecordingKind.Command, 80, 24, "xterm", "other", _time));
        Assert.Equal(before, await File.ReadAllBytesAsync(_temp.Combine("same.cast"), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(_temp.Combine("same.stderr.cast")));

        Assert.Throws<ArgumentException>(() => SessionRecorder.Create(_temp.Path, "../escape", RecordingKind.Interactive, 80, 24, null, "t", _time));
        Assert.Throws<ArgumentException>(() => SessionRecorder.Create(_temp.Path, "..", RecordingKind.Interactive, 80, 24, null, "t", _time));
    }

    private static string? OnPath(string program) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
