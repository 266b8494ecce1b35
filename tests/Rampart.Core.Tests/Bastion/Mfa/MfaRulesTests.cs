using Rampart.Core.Bastion.Mfa;

namespace Rampart.Core.Tests.Bastion.Mfa;

public sealed class MfaRulesTests
{
    private static AccountMfa State(bool password = false, bool totp = false, FactorPolicy passwordPolicy = FactorPolicy.No, FactorPolicy totpPolicy = FactorPolicy.No) =>
        AccountMfa.None with
        {
            PasswordHash = password ? "hash" : null,
            SealedTotpSecret = totp ? [1] : null,
            PasswordPolicy = passwordPolicy,
            TotpPolicy = totpPolicy,
        };

    [Fact]
    public void NothingIsDueUnderTheDefaultPolicy() => Assert.Null(MfaRules.SetupDue(State(), MfaPolicy.Enabled));

    [Fact]
    public void ThePolicyMakesAFactorDueUnlessItIsSetUpOrBypassed()
    {
        Assert.Equal(MfaKind.Password, MfaRules.SetupDue(State(), MfaPolicy.PasswordRequired));
        Assert.Null(MfaRules.SetupDue(State(password: true), MfaPolicy.PasswordRequired));
        Assert.Null(MfaRules.SetupDue(State(passwordPolicy: FactorPolicy.Bypass), MfaPolicy.PasswordRequired));
        Assert.Equal(MfaKind.Totp, MfaRules.SetupDue(State(password: true), MfaPolicy.TotpRequired));
        Assert.Null(MfaRules.SetupDue(State(totpPolicy: FactorPolicy.Bypass), MfaPolicy.TotpRequired));
    }

    [Fact]
    public void AnyRequiredIsMetByEitherFactorOrEitherBypass()
    {
        Assert.Equal(MfaKind.Any, MfaRules.SetupDue(State(), MfaPolicy.AnyRequired));
        Assert.Null(MfaRules.SetupDue(State(totp: true), MfaPolicy.AnyRequired));
        Assert.Null(MfaRules.SetupDue(State(password: true), MfaPolicy.AnyRequired));
        Assert.Null(MfaRules.SetupDue(State(passwordPolicy: FactorPolicy.Bypass), MfaPolicy.AnyRequired));
    }

    [Fact]
    public void TheAccountsOwnRuleAppliesWhateverThePolicyButDisabledWins()
    {
        Assert.Equal(MfaKind.Totp, MfaRules.SetupDue(State(totpPolicy: FactorPolicy.Yes), MfaPolicy.Enabled));
        Assert.Null(MfaRules.SetupDue(State(totpPolicy: FactorPolicy.Yes), MfaPolicy.Disabled));
    }

    [Theory]
    [InlineData(MfaKind.None, false, false, FactorPolicy.No, JitMfa.NotRequired)]
    [InlineData(MfaKind.Totp, false, true, FactorPolicy.No, JitMfa.Ask)]
    [InlineData(MfaKind.Totp, true, false, FactorPolicy.No, JitMfa.SetupRequired)]
    [InlineData(MfaKind.Totp, false, false, FactorPolicy.Bypass, JitMfa.Bypassed)]
    [InlineData(MfaKind.Password, true, false, FactorPolicy.No, JitMfa.Ask)]
    [InlineData(MfaKind.Password, false, true, FactorPolicy.No, JitMfa.SetupRequired)]
    [InlineData(MfaKind.Any, false, true, FactorPolicy.No, JitMfa.Ask)]
    [InlineData(MfaKind.Any, false, false, FactorPolicy.No, JitMfa.SetupRequired)]
    public void JustInTimeChecks(MfaKind required, bool password, bool totp, FactorPolicy totpPolicy, JitMfa expected) =>
        Assert.Equal(expected, MfaRules.Jit(State(password, totp, totpPolicy: totpPolicy), required));

    [Theory]
    [InlineData(MfaKind.None, MfaKind.Totp, MfaKind.Totp)]
    [InlineData(MfaKind.Any, MfaKind.Password, MfaKind.Password)]
    [InlineData(MfaKind.Totp, MfaKind.Totp, MfaKind.Totp)]
    [InlineData(MfaKind.Totp, MfaKind.Password, MfaKind.Any)]
    [InlineData(MfaKind.None, MfaKind.None, MfaKind.None)]
    public void TheStrictestRequirementWins(MfaKind a, MfaKind b, MfaKind expected)
    {
        Assert.Equal(expected, MfaKinds.Strictest(a, b));
        Assert.Equal(expected, MfaKinds.Strictest(b, a));
    }

    [Fact]
    public void TooManyWrongAnswersInARowLockTheFactorsForAWhile()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var mfa = State(totp: true);
        for (var i = 1; i < AccountMfa.MaxFailedRounds; i++)
        {
            mfa = mfa.AfterFailure(now);
            Assert.False(mfa.IsLocked(now));
        }

        mfa = mfa.AfterFailure(now);
        Assert.True(mfa.IsLocked(now));
        Assert.True(mfa.IsLocked(now + AccountMfa.LockDuration - TimeSpan.FromSeconds(1)));
        Assert.False(mfa.IsLocked(now + AccountMfa.LockDuration));
        Assert.Equal(0, mfa.FailedRounds);
    }
}
