using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

public sealed class OshEnvelopeTests
{
    [Fact]
    public void Ok_defaults_its_message_to_the_code()
    {
        var envelope = OshEnvelope.Ok("info", new JsonObject { ["account"] = "a1" });

        Assert.Equal("info", envelope.Command);
        Assert.Equal("OK", envelope.ErrorCode);
        Assert.Equal("OK", envelope.ErrorMessage);
        Assert.True(envelope.IsOk);
    }

    [Theory]
    [InlineData("", "KO_NOT_FOUND")]
    [InlineData("0", "KO_NOT_FOUND")]
    [InlineData("Account 'a2' doesn't exist", "Account 'a2' doesn't exist")]
    public void Fail_uses_the_code_when_the_message_is_false_in_perl(string message, string expected)
    {
        var envelope = OshEnvelope.Fail("accountDelete", "KO_NOT_FOUND", message);

        Assert.Equal(expected, envelope.ErrorMessage);
        Assert.False(envelope.IsOk);
        Assert.Null(envelope.Value);
    }

    [Theory]
    [InlineData("OK", true)]
    [InlineData("OK_NO_CHANGE", true)]
    [InlineData("OK_EMPTY", true)]
    [InlineData("KO_ACCESS_DENIED", false)]
    [InlineData("ERR_BAD_OPTIONS", false)]
    [InlineData("ok", false)]
    public void IsOk_is_a_case_sensitive_prefix_test(string code, bool ok)
    {
        Assert.Equal(ok, OshEnvelope.Fail(null, code, "m").IsOk);
    }

    [Fact]
    public void Ok_with_a_message_keeps_it()
    {
        Assert.Equal("Done", OshEnvelope.Ok("x", message: "Done").ErrorMessage);
    }
}
