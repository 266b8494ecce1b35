using System.Security.Cryptography;
using Rampart.Core.Vault;

namespace Rampart.Core.Tests.Vault;

public sealed class Base64SwappedTests
{
    // 0xFB 0xFF 0xBF is "+/+/" in standard Base64: every 6-bit group is 62 or 63.
    private static readonly byte[] _highBits = [0xFB, 0xFF, 0xBF];

    [Fact]
    public void Slash_becomes_dash_and_plus_becomes_underscore()
    {
        Assert.Equal("+/+/", Convert.ToBase64String(_highBits));

        Assert.Equal("_-_-", Base64Swapped.Encode(_highBits));
    }

    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 0xFB }, "_w==")]
    [InlineData(new byte[] { 0xFF }, "-w==")]
    [InlineData(new byte[] { 0xFB, 0xFF }, "_-8=")]
    [InlineData(new byte[] { 0x66, 0x6F, 0x6F }, "Zm9v")]
    public void Padding_is_kept(byte[] bytes, string expected)
    {
        Assert.Equal(expected, Base64Swapped.Encode(bytes));
    }

    [Fact]
    public void Encoding_is_standard_base64_with_the_two_characters_swapped()
    {
        for (var length = 0; length < 64; length++)
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var expected = Convert.ToBase64String(bytes).Replace('/', '-').Replace('+', '_');

            var encoded = Base64Swapped.Encode(bytes);

            Assert.Equal(expected, encoded);
            Assert.True(Base64Swapped.TryDecode(encoded, out var decoded));
            Assert.Equal(bytes, decoded);
        }
    }

    [Fact]
    public void Standard_base64_decodes_as_itself()
    {
        Assert.True(Base64Swapped.TryDecode("+/+/", out var decoded));
        Assert.Equal(_highBits, decoded);
        Assert.Equal([_highBits], Base64Swapped.DecodeCandidates("+/+/"));
    }

    [Fact]
    public void A_string_with_dash_or_underscore_has_exactly_one_reading()
    {
        // Had URL-safe Base64 been a second reading, flipping one sextet between 62 and 63 could decode to the original.
        var candidates = Base64Swapped.DecodeCandidates("_-_-");

        Assert.Equal([_highBits], candidates);
    }

    [Fact]
    public void Every_swapped_string_round_trips_to_one_reading()
    {
        for (var length = 1; length < 64; length++)
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var candidates = Base64Swapped.DecodeCandidates(Base64Swapped.Encode(bytes).TrimEnd('='));

            Assert.Equal([bytes], candidates);
        }
    }

    [Fact]
    public void Whitespace_is_ignored()
    {
        Assert.True(Base64Swapped.TryDecode(" Zm9v\r\nYmFy\t", out var decoded));
        Assert.Equal("foobar"u8.ToArray(), decoded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("!!!!")]
    [InlineData("Zm9vY")]
    [InlineData("+-")]
    [InlineData("ab/_")]
    [InlineData("Zm=v")]
    [InlineData("Zm9=Zm9v")]
    [InlineData("Zg=")]
    [InlineData("Zg===")]
    [InlineData("Zm9v\u00e9")]
    [InlineData("\ud800\udc00AAA")]
    public void Text_that_is_not_base64_has_no_reading(string? text)
    {
        Assert.Empty(Base64Swapped.DecodeCandidates(text));
        Assert.False(Base64Swapped.TryDecode(text, out var decoded));
        Assert.Null(decoded);
    }
}
