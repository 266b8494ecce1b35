using Rampart.Core.Bastion.Access;

namespace Rampart.Core.Tests.Bastion;

public sealed class TtlTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("3600", 3600)]
    [InlineData("007", 7)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1w", 604800)]
    [InlineData("1y", 31536000)]
    [InlineData("1d7h8m", 112080)]
    [InlineData("2d8h15m", 202500)]
    [InlineData("1d30", 86430)]
    [InlineData("1h1h", 7200)]
    [InlineData("1y2w3d4h5m6s", 31536000 + 1209600 + 259200 + 14400 + 300 + 6)]
    [InlineData("1D", 86400)]
    [InlineData("4d12H15M", 389700)]
    public void Parses_seconds_and_unit_strings(string text, long seconds)
    {
        Assert.True(TtlText.TryParse(text, out var ttl));
        Assert.Equal(TimeSpan.FromSeconds(seconds), ttl);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-5")]
    [InlineData("-1d")]
    [InlineData("d")]
    [InlineData("1x")]
    [InlineData("1dd")]
    [InlineData("5dh")]
    [InlineData("1 d")]
    [InlineData(" 1d")]
    [InlineData("1.5h")]
    [InlineData("+1")]
    [InlineData("forever")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999999y")]
    public void Refuses_garbage(string text)
    {
        Assert.False(TtlText.TryParse(text, out var ttl));
        Assert.Equal(TimeSpan.Zero, ttl);
    }

    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(59, "00:00:59")]
    [InlineData(3661, "01:01:01")]
    [InlineData(86399, "23:59:59")]
    [InlineData(86400, "1d+00:00:00")]
    [InlineData(112080, "1d+07:08:00")]
    [InlineData(31536000, "365d+00:00:00")]
    [InlineData(-90, "-00:01:30")]
    public void Formats_like_duration2human(long seconds, string text) =>
        Assert.Equal(text, TtlText.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Drops_fractions_of_a_second() =>
        Assert.Equal("00:00:01", TtlText.Format(TimeSpan.FromMilliseconds(1999)));
}
