using System.Text;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Core.Tests.Bastion.Mfa;

public sealed class Base32Tests
{
    [Theory] // RFC 4648 section 10, without padding
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void EncodesAndDecodesTheRfcVectors(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded)!));
    }

    [Fact]
    public void DecodingIgnoresCaseSpacesAndPadding() =>
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode("mzxw 6ytb oi======")!));

    [Fact]
    public void ACharacterOutsideTheAlphabetIsRefused() => Assert.Null(Base32.Decode("MZXW1"));
}
