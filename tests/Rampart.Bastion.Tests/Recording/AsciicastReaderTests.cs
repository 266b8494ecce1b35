using Rampart.Bastion.Recording;

namespace Rampart.Bastion.Tests.Recording;

public sealed class AsciicastReaderTests : IDisposable
{
    private const string Header = """{"version":2,"width":80,"height":24}""";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<string> WriteAsync(string content)
    {
        var path = _temp.Combine("r.cast");
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Reads_AFileAsAsciinemaWritesIt()
    {
        var path = await WriteAsync("""
            {"version": 2, "width": 90, "height": 20, "timestamp": 1600000000, "duration": 3.5, "idle_time_limit": 1.5, "title": "Demo", "env": {"TERM": "screen", "SHELL": "/bin/sh"}, "theme": {"fg": "#ffffff"}}
            [0.1, "o", "\u001b[32mok\u001b[0m\r\n"]
            [1.5, "m", ""]
            [2, "r", "100x30"]
            [3.25, "o", "caf\u00e9 ☕"]

            """);

        var recording = await AsciicastReader.ReadAsync(path, TestContext.Current.CancellationToken);

        var header = recording.Header;
        Assert.Equal((90, 20, 1_600_000_000L, "Demo", (double?)1.5), (header.Width, header.Height, header.Timestamp, header.Title, header.IdleTimeLimit));
        Assert.Equal(new Dictionary<string, string?> { ["TERM"] = "screen", ["SHELL"] = "/bin/sh" }, header.Env);
        Assert.Equal(
            [new(0.1, "o", "\e[32mok\e[0m\r\n"), new(1.5, "m", ""), new(2, "r", "100x30"), new(3.25, "o", "café ☕")],
            recording.Events);
    }

    [Fact]
    public async Task Reads_AMinimalHeaderWithoutEvents()
    {
        var recording = await AsciicastReader.ReadAsync(await WriteAsync(Header + "\n"), TestContext.Current.CancellationToken);

        Assert.Equal((80, 24, (long?)null, (string?)null), (recording.Header.Width, recording.Header.Height, recording.Header.Timestamp, recording.Header.Title));
        Assert.Empty(recording.Header.Env);
        Assert.Empty(recording.Events);
    }

    [Fact]
    public async Task DropsAHalfWrittenLastLine_ButOnlyOne()
    {
        var cut = await WriteAsync(Header + "\n[0.1,\"o\",\"a\"]\n[0.2,\"o\",\"b");
        Assert.Equal([new AsciicastEvent(0.1, "o", "a")], (await AsciicastReader.ReadAsync(cut, TestContext.Current.CancellationToken)).Events);

        // With its newline the line was written whole, so it is simply wrong.
        var finished = await WriteAsync(Header + "\n[0.1,\"o\",\"a\"]\n[0.2,\"o\",\"b\n");
        var e = await Assert.ThrowsAsync<AsciicastFormatException>(() => AsciicastReader.ReadAsync(finished, TestContext.Current.CancellationToken));
        Assert.StartsWith(finished + " line 3: not JSON (", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "{0} is empty: an asciicast starts with a header line.")]
    [InlineData("[0.1,\"o\",\"a\"]\n", "{0} line 1: the header is not a JSON object.")]
    [InlineData("{\"version\":1,\"width\":80,\"height\":24}\n", "{0} line 1: not asciicast version 2.")]
    [InlineData("{\"version\":2,\"height\":24}\n", "{0} line 1: \"width\" is not a positive integer.")]
    [InlineData("{\"version\":2,\"width\":80,\"height\":0}\n", "{0} line 1: \"height\" is not a positive integer.")]
    [InlineData("{\"version\":2,\"width\":80,\"height\":24,\"timestamp\":1.5}\n", "{0} line 1: \"timestamp\" is not an integer.")]
    [InlineData("{\"version\":2,\"width\":80,\"height\":24,\"env\":{\"TERM\":1}}\n", "{0} line 1: env \"TERM\" is not a string.")]
    [InlineData(Header + "\n[0.1,\"o\"]\n", "{0} line 2: an event is an array of three elements.")]
    [InlineData(Header + "\n{\"t\":0.1}\n", "{0} line 2: an event is an array of three elements.")]
    [InlineData(Header + "\n[\"0.1\",\"o\",\"a\"]\n", "{0} line 2: the event time is not a number of seconds.")]
    [InlineData(Header + "\n[-1,\"o\",\"a\"]\n", "{0} line 2: the event time is not a number of seconds.")]
    [InlineData(Header + "\n[0.1,5,\"a\"]\n", "{0} line 2: the event code is not a string.")]
    [InlineData(Header + "\n[0.1,\"o\",null]\n", "{0} line 2: the event data is not a string.")]
    [InlineData(Header + "\n[0.5,\"o\",\"a\"]\n[0.25,\"o\",\"b\"]\n", "{0} line 3: time goes back from 0.5 to 0.25.")]
    public async Task Rejects_AMalformedFile_NamingTheLine(string content, string message)
    {
        var path = await WriteAsync(content);

        var e = await Assert.ThrowsAsync<AsciicastFormatException>(() => AsciicastReader.ReadAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path), e.Message);
    }

    [Fact]
    public async Task Rejects_BytesThatAreNotUtf8()
    {
        var path = _temp.Combine("bad.cast");
        await File.WriteAllBytesAsync(path, [.. "{\"version\":2,\"width\":80,\"height\":24}\n[0.1,\"o\",\""u8, 0xFF, .. "\"]\n"u8], TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<AsciicastFormatException>(() => AsciicastReader.ReadAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(path + ": not valid UTF-8.", e.Message);
    }
}
