using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Tests.Bastion;

public sealed class InactivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static BastionAccount Account(DateTimeOffset? lastLogin, int? ownLimit = null, bool admin = false) => new(
        "alice", 2001, Now.AddDays(-400), "root", null, admin, admin, [], [], [], [], null, null, false, false, lastLogin, ownLimit);

    [Theory]
    // bastion limit, own limit, days since the last login, refused
    [InlineData(0, null, 1000, false)]
    [InlineData(30, null, 29, false)]
    [InlineData(30, null, 30, true)]
    [InlineData(30, 0, 1000, false)]
    [InlineData(0, 10, 10, true)]
    [InlineData(30, 60, 45, false)]
    public void TheAccountsOwnLimitWinsOverTheBastions(int bastionDays, int? own, int idleDays, bool expired) =>
        Assert.Equal(expired, Account(Now.AddDays(-idleDays), own).IsInactivityExpired(Now, bastionDays));

    [Fact]
    public void AnAccountThatNeverLoggedInCountsFromItsCreation()
    {
        Assert.Equal(400, Account(null).InactiveDays(Now));
        Assert.True(Account(null).IsInactivityExpired(Now, 365));
    }

    [Fact]
    public void AdminsAreNeverExpiredForInactivity() =>
        Assert.False(Account(Now.AddDays(-1000), admin: true).IsInactivityExpired(Now, 30));
}
