using Rampart.Core.Bastion.Mfa;

namespace Rampart.Core.Tests.Bastion.Mfa;

public sealed class MfaPasswordHashTests
{
    [Fact]
    public void TheRightPasswordVerifiesAndAWrongOneDoesNot()
    {
        var stored = MfaPasswordHash.Create("correct horse");
        Assert.True(MfaPasswordHash.Verify("correct horse", stored));
        Assert.False(MfaPasswordHash.Verify("correct horsE", stored));
        Assert.False(MfaPasswordHash.Verify("", stored));
    }

    [Fact]
    public void EachHashHasItsOwnSaltAndHoldsNoPassword()
    {
        var first = MfaPasswordHash.Create("same password");
        var second = MfaPasswordHash.Create("same password");
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("same password", first, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha512$210000$", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha512$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$1000$not base64!$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void AStoredValueThatIsNotAHashVerifiesNothing(string stored) => Assert.False(MfaPasswordHash.Verify("anything", stored));
}
