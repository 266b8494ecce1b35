using Rampart.Shell.OpenSsh.Askpass;

namespace Rampart.Integration.Tests.Shells;

/// <summary>One-time tokens: the prompt picks the hop, each hop answers at most twice, and tokens expire.</summary>
public sealed class AskpassTokensTests
{
    private static readonly Guid s_target = Guid.NewGuid();
    private static readonly Guid s_gateway = Guid.NewGuid();

    [Theory]
    [InlineData("alice@10.0.0.5's password: ", true)]
    [InlineData("(alice@10.0.0.5) Password: ", true)]
    [InlineData("bob@10.0.0.5's password: ", false)]
    [InlineData("alice@10.0.0.50's password: ", false)]
    [InlineData("Enter passphrase for key '/root/.ssh/id_ed25519': ", false)]
    [InlineData("Are you sure you want to continue connecting (yes/no/[fingerprint])? ", false)]
    public void Prompt_NamesTheHop(string prompt, bool expected) =>
        Assert.Equal(expected, AskpassTokens.Names(prompt, new AskpassHop(s_target, "alice", "10.0.0.5")));

    [Fact]
    public void Token_AnswersEachHopByItsPrompt_AtMostTwice_ThenExpires()
    {
        var time = new ManualTime();
        var tokens = new AskpassTokens(time);
        var token = tokens.Issue([new AskpassHop(s_target, "alice", "target"), new AskpassHop(s_gateway, "jump", "gateway")]);

        Assert.Equal(s_gateway, tokens.Redeem(token, "jump@gateway's password: "));
        Assert.Equal(s_target, tokens.Redeem(token, "alice@target's password: "));
        Assert.Equal(s_target, tokens.Redeem(token, "(alice@target) Password: "));
        Assert.Null(tokens.Redeem(token, "alice@target's password: "));
        Assert.Null(tokens.Redeem((token[0] == '0' ? "1" : "0") + token[1..], "jump@gateway's password: "));

        time.Now += TimeSpan.FromMinutes(3);
        Assert.Null(tokens.Redeem(token, "jump@gateway's password: "));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
