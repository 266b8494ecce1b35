using Rampart.Core.Bastion.Mfa;

namespace Rampart.Core.Tests.Bastion.Mfa;

public sealed class MfaTokensTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void ATokenIsGoodForItsTargetForFifteenSeconds()
    {
        var clock = new Clock();
        var tokens = new MfaTokens(clock);
        var token = tokens.Issue("alice", "srv", 22, "root");
        Assert.Matches("^v1,1700000000,[0-9a-f]{64}$", token);
        Assert.True(tokens.IsValid(token, "alice", "srv", 22, "root"));
        clock.Now = clock.Now.AddSeconds(15);
        Assert.True(tokens.IsValid(token, "alice", "srv", 22, "root"));
        clock.Now = clock.Now.AddSeconds(1);
        Assert.False(tokens.IsValid(token, "alice", "srv", 22, "root"));
    }

    [Fact]
    public void ATokenIsBoundToItsAccountAndTarget()
    {
        var tokens = new MfaTokens(new Clock());
        var token = tokens.Issue("alice", "srv", 22, "root");
        Assert.False(tokens.IsValid(token, "bob", "srv", 22, "root"));
        Assert.False(tokens.IsValid(token, "alice", "other", 22, "root"));
        Assert.False(tokens.IsValid(token, "alice", "srv", 2222, "root"));
        Assert.False(tokens.IsValid(token, "alice", "srv", 22, "admin"));
    }

    [Fact]
    public void FutureForgedAndMalformedTokensAreRefused()
    {
        var clock = new Clock();
        var tokens = new MfaTokens(clock);
        clock.Now = clock.Now.AddSeconds(60);
        var future = tokens.Issue("alice", "srv", 22, "root");
        clock.Now = clock.Now.AddSeconds(-60);
        Assert.False(tokens.IsValid(future, "alice", "srv", 22, "root"));
        Assert.False(tokens.IsValid(new MfaTokens(clock).Issue("alice", "srv", 22, "root"), "alice", "srv", 22, "root"));
        Assert.False(tokens.IsValid(null, "alice", "srv", 22, "root"));
        Assert.False(tokens.IsValid("notrequired", "alice", "srv", 22, "root"));
        Assert.False(tokens.IsValid("v1,abc,00", "alice", "srv", 22, "root"));
    }
}
