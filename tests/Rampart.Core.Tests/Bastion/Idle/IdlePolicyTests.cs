using System.Collections.Immutable;
using System.Net;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Idle;
using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Tests.Bastion.Idle;

public sealed class IdlePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly IdleTimeouts BastionWide = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(20));

    private static readonly BastionAccount Alice = new(
        "alice", 2001, Now, "root", null, false, false, [], [], [], [], null, null, false, false, null);

    private static AclEntry Entry(string network) => new(IPNetwork.Parse(network), null, null, null, "root", Now);

    private static BastionGroup Group(string name, int? lockMinutes, int? killMinutes) => new(
        name, Now, "root", [], [], [], ["alice"], ImmutableSortedDictionary<string, ImmutableArray<AclEntry>>.Empty, [], [],
        GroupSettings.Default with
        {
            IdleLockTimeout = lockMinutes is { } l ? TimeSpan.FromMinutes(l) : null,
            IdleKillTimeout = killMinutes is { } k ? TimeSpan.FromMinutes(k) : null,
        });

    private static (TimeSpan Lock, TimeSpan Kill) Decide(BastionAccount account, params (BastionGroup Group, string Network)[] grants)
    {
        var snapshot = grants.Aggregate(BastionSnapshot.Empty.With(account), (s, g) => s.With(g.Group));
        var timeouts = IdlePolicy.For(BastionWide, snapshot, account,
            [.. grants.Select(g => new AccessGrant(AccessGrant.GroupMember, g.Group.Name, Entry(g.Network)))]);
        return (timeouts.Lock, timeouts.Kill);
    }

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void WithoutOverrides_TheBastionWideValuesApply_PersonalGrantsNeverOverride()
    {
        Assert.Equal((Minutes(10), Minutes(30)), Decide(Alice, (Group("ops", null, null), "192.0.2.10/32")));
        var personal = IdlePolicy.For(BastionWide, BastionSnapshot.Empty.With(Alice), Alice, [new AccessGrant(AccessGrant.Personal, null, Entry("192.0.2.10/32"))]);
        Assert.Equal(BastionWide, personal);
    }

    [Fact]
    public void OneGroupsOverrideWins_EvenWhenLongerOrZero()
    {
        Assert.Equal((Minutes(60), Minutes(30)), Decide(Alice, (Group("ops", 60, null), "192.0.2.10/32")));
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), Decide(Alice, (Group("ops", 0, 0), "192.0.2.10/32")));
    }

    [Fact]
    public void SeveralGroupsOverriding_TheShortestPositiveValueWins_TheBastionWideOneIncluded()
    {
        Assert.Equal((Minutes(5), Minutes(30)),
            Decide(Alice, (Group("ops", 5, 45), "192.0.2.10/32"), (Group("dba", 20, 0), "192.0.2.0/24")));
        Assert.Equal((Minutes(10), Minutes(30)),
            Decide(Alice, (Group("ops", 0, 0), "192.0.2.10/32"), (Group("dba", 0, 0), "192.0.2.0/24")));
    }

    [Fact]
    public void ACatchAllEntryNeverOverrides()
    {
        Assert.Equal((Minutes(10), Minutes(30)), Decide(Alice, (Group("everything", 1, 2), "0.0.0.0/0")));
        Assert.Equal((Minutes(1), Minutes(2)), Decide(Alice, (Group("everything", 1, 2), "192.0.2.0/24")));
    }

    [Fact]
    public void AnAccountWithIdleIgnoreHasNone() =>
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), Decide(Alice with { IdleIgnore = true }, (Group("ops", 5, 6), "192.0.2.10/32")));

    [Fact]
    public void TheWarningsStayTheBastionWideOnes()
    {
        var snapshot = BastionSnapshot.Empty.With(Alice).With(Group("ops", 5, 6));
        var timeouts = IdlePolicy.For(BastionWide, snapshot, Alice, [new AccessGrant(AccessGrant.GroupMember, "ops", Entry("192.0.2.10/32"))]);
        Assert.Equal(TimeSpan.FromSeconds(20), timeouts.WarnBeforeLock);
    }
}
