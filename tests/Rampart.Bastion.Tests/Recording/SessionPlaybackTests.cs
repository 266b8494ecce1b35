using System.Diagnostics;
using System.Text;
using Rampart.Bastion.Recording;

namespace Rampart.Bastion.Tests.Recording;

public sealed class SessionPlaybackTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ManualTime _time = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<string> PlayAsync(IReadOnlyList<string> files, double speed = 0, double maxIdleSeconds = double.PositiveInfinity)
    {
        using var output = new MemoryStream();
        await SessionPlayback.PlayAsync(files, output, speed, maxIdleSeconds, TestContext.Current.CancellationToken);
        return new UTF8Encoding(false, true).GetString(output.ToArray());
    }

    [Fact]
    public async Task Command_MergesStdoutAndStderrByTime_StdoutFirstOnATie()
    {
        var recorder = SessionRecorder.Create(_temp.Path, "c", RecordingKind.Command, 80, 24, null, "t", _time);
        await using (recorder)
        {
            _time.Advance(0.1);
            recorder.Stdout("out1 "u8);
            _time.Advance(0.1);
            recorder.Stderr("err1 "u8);
            _time.Advance(0.1);
            recorder.Stderr("err2 "u8);
            recorder.Stdout("out2 "u8);
            _time.Advance(0.1);
            recorder.Stdout("out3"u8);
        }

        Assert.Equal("out1 err1 out2 err2 out3", await PlayAsync(recorder.Files));
        Assert.Equal("out1 err1 err2 out2 out3", await PlayAsync([.. recorder.Files.Reverse()]));
        Assert.Equal("out1 out2 out3", await PlayAsync([recorder.Files[0]]));
    }

    [Fact]
    public async Task Interactive_WritesTheOutputOnly_AsUtf8()
    {
        await using (var recorder = SessionRecorder.Create(_temp.Path, "p", RecordingKind.Interactive, 80, 24, "xterm", "t", _time))
        {
            recorder.Stdout("\e[1mé"u8);
            recorder.Resize(100, 50);
            recorder.Stdout("\e[0m\r\n€"u8);
        }

        Assert.Equal("\e[1mé\e[0m\r\n€", await PlayAsync([_temp.Combine("p.cast")]));
    }

    [Theory]
    [InlineData(2.0, 1.0, double.PositiveInfinity, 2000)]
    [InlineData(2.0, 4.0, double.PositiveInfinity, 500)]
    [InlineData(30.0, 1.0, 2.5, 2500)]
    [InlineData(30.0, 2.0, 2.5, 1250)]
    [InlineData(0.5, 1.0, 2.5, 500)]
    [InlineData(2.0, 1.0, 0.0, 0)]
    [InlineData(2.0, 0.0, double.PositiveInfinity, 0)]
    [InlineData(2.0, -1.0, double.PositiveInfinity, 0)]
    [InlineData(2.0, double.PositiveInfinity, double.PositiveInfinity, 0)]
    [InlineData(0.0, 1.0, double.PositiveInfinity, 0)]
    [InlineData(1e12, 1.0, double.PositiveInfinity, 86_400_000)]
    public void Pause_IsTheGap_CutToTheIdleLimit_OverTheSpeed(double gap, double speed, double maxIdle, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), SessionPlayback.PauseFor(gap, speed, maxIdle));
    }

    [Fact]
    public async Task PacedPlayback_WaitsBetweenEvents_ButNoLongerThanTheIdleLimit()
    {
        await using (var recorder = SessionRecorder.Create(_temp.Path, "slow", RecordingKind.Interactive, 80, 24, "xterm", "t", _time))
        {
            _time.Advance(1);
            recorder.Stdout("a"u8);
            _time.Advance(1);
            recorder.Stdout("b"u8);
            _time.Advance(3600);
            recorder.Stdout("c"u8);
        }

        // At 25x, three one-second pauses (the hour is cut to one second) take 120 ms.
        var watch = Stopwatch.StartNew();
        Assert.Equal("abc", await PlayAsync([_temp.Combine("slow.cast")], speed: 25, maxIdleSeconds: 1));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(110), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Rejects_ANegativeIdleLimit_AndAMissingFile()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PlayAsync([], maxIdleSeconds: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PlayAsync([], speed: double.NaN));
        await Assert.ThrowsAsync<FileNotFoundException>(() => PlayAsync([_temp.Combine("none.cast")]));
    }
}
