using System.Text;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Core.Tests.Bastion.Mfa;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 secret; authenticator apps show the last six of its eight digits.
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void CodesMatchTheRfcTestVectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Fact]
    public void ACodeIsGoodForItsStepAndOneStepEitherSide()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step), now, 0));
        Assert.Equal(step - 1, Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step - 1), now, 0));
        Assert.Equal(step + 1, Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step + 1), now, 0));
        Assert.Null(Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step - 2), now, 0));
        Assert.Null(Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step + 2), now, 0));
    }

    [Fact]
    public void ACodeIsGoodOnlyOnce()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.StepAt(now);
        var code = Totp.Code(RfcSecret, step);
        Assert.Null(Totp.Verify(RfcSecret, code, now, lastUsedStep: step));
        // An older step is refused once a newer one was used, even inside the window.
        Assert.Null(Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step - 1), now, lastUsedStep: step));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void MalformedCodesAreRefused(string code) =>
        Assert.Null(Totp.Verify(RfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(1_700_000_015), 0));

    [Fact]
    public void TheEnrolmentUriCarriesTheSecretInBase32()
    {
        var uri = Totp.EnrolmentUri("my bastion", "alice", RfcSecret);
        Assert.StartsWith("otpauth://totp/my%20bastion:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=my%20bastion", uri);
    }
}
