using System.Collections.Immutable;
using System.Net;
using Rampart.Core.Access;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Tests.Access;

public sealed class ScopedAccessTests
{
    private static readonly DateTimeOffset Created = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Created.AddDays(1);
    private static readonly BastionBinding Binding = new("alice", Created.AddMinutes(1));

    private static BastionAccount Account(params string[] accesses) => new(
        "alice", 5000, Created, "admin", null, false, false, [], [], [], [.. accesses.Select(Acl)], null, null, false, false, null);

    private static AclEntry Acl(string access)
    {
        Assert.True(HostSpec.TryParseServerLine(access, out var line, out var error), error);
        Assert.True(HostSpec.TryParseIp(line.Host, allowSubnet: true, out var network, out _));
        return new AclEntry(network, line.User, line.Port, null, "admin", Created);
    }

    private static BastionSnapshot Snapshot(BastionAccount account) => BastionSnapshot.Empty.With(account);

    private static IPAddress[] Ips(params string[] addresses) => [.. addresses.Select(IPAddress.Parse)];

    [Fact]
    public void A_usable_account_has_no_refusal() => Assert.Null(ScopedAccess.Refusal(Snapshot(Account()), Binding, Now));

    [Fact]
    public void Gone_frozen_expired_and_locked_accounts_refuse_the_key()
    {
        Assert.Equal("bastion account alice no longer exists", ScopedAccess.Refusal(BastionSnapshot.Empty, Binding, Now));
        var reborn = Account() with { Created = Binding.Since.AddSeconds(1) };
        Assert.Equal("bastion account alice no longer exists", ScopedAccess.Refusal(Snapshot(reborn), Binding, Now));

        var frozen = Account() with { Frozen = new FreezeInfo("admin", Now, "left the team") };
        Assert.Equal("bastion account alice is frozen (left the team)", ScopedAccess.Refusal(Snapshot(frozen), Binding, Now));

        var expired = Account() with { Expiry = Now };
        Assert.Equal("bastion account alice has reached its time to live", ScopedAccess.Refusal(Snapshot(expired), Binding, Now));
        Assert.Null(ScopedAccess.Refusal(Snapshot(expired), Binding, Now.AddSeconds(-1)));

        var maintenance = Snapshot(Account()) with { Maintenance = new MaintenanceState("admin", Now, "upgrade") };
        Assert.Equal("the bastion is in maintenance mode (upgrade)", ScopedAccess.Refusal(maintenance, Binding, Now));
        var admin = Snapshot(Account() with { IsAdmin = true }) with { Maintenance = maintenance.Maintenance };
        Assert.Null(ScopedAccess.Refusal(admin, Binding, Now));
    }

    [Fact]
    public void A_hop_is_granted_by_host_port_and_user()
    {
        var snapshot = Snapshot(Account("deploy@192.0.2.10:22", "10.1.0.0/16"));
        Assert.True(ScopedAccess.Grants(snapshot, "alice", new SshHop("192.0.2.10", 22, "deploy", false), Ips("192.0.2.10"), Now));
        Assert.False(ScopedAccess.Grants(snapshot, "alice", new SshHop("192.0.2.10", 2222, "deploy", false), Ips("192.0.2.10"), Now));
        Assert.False(ScopedAccess.Grants(snapshot, "alice", new SshHop("192.0.2.10", 22, "root", false), Ips("192.0.2.10"), Now));
        Assert.False(ScopedAccess.Grants(snapshot, "alice", new SshHop("192.0.2.11", 22, "deploy", false), Ips("192.0.2.11"), Now));
        Assert.True(ScopedAccess.Grants(snapshot, "alice", new SshHop("10.1.2.3", 2200, "anyone", false), Ips("10.1.2.3"), Now));
    }

    [Fact]
    public void Every_address_of_a_name_must_be_granted()
    {
        var snapshot = Snapshot(Account("192.0.2.10", "::ffff:0:0/96"));
        var hop = new SshHop("web.example.com", 22, "deploy", false);
        Assert.True(ScopedAccess.Grants(snapshot, "alice", hop, Ips("192.0.2.10"), Now));
        Assert.True(ScopedAccess.Grants(snapshot, "alice", hop, Ips("::ffff:192.0.2.10"), Now));
        Assert.False(ScopedAccess.Grants(snapshot, "alice", hop, Ips("192.0.2.10", "192.0.2.11"), Now));
        Assert.False(ScopedAccess.Grants(snapshot, "alice", hop, [], Now));
    }

    [Fact]
    public void Group_accesses_count_and_osh_only_accounts_reach_nothing()
    {
        var group = new BastionGroup(
            "ops", Created, "admin", [], [], [], ["alice"], ImmutableSortedDictionary<string, ImmutableArray<AclEntry>>.Empty,
            [Acl("ops@192.0.2.20:22")], [], GroupSettings.Default);
        var snapshot = Snapshot(Account()).With(group);
        var hop = new SshHop("192.0.2.20", 22, "ops", false);
        Assert.True(ScopedAccess.Grants(snapshot, "alice", hop, Ips("192.0.2.20"), Now));
        Assert.False(ScopedAccess.Grants(snapshot.With(Account() with { OshOnly = true }), "alice", hop, Ips("192.0.2.20"), Now));
        Assert.False(ScopedAccess.Grants(snapshot, "bob", hop, Ips("192.0.2.20"), Now));
    }

    [Fact]
    public void Keys_name_their_account_in_the_audit_and_never_run_on_the_gateway()
    {
        var key = new ApiKey(Guid.NewGuid(), "ci", "rampart_abcd", [], Created, null, null, MayRunOnGateway: false, BastionAccount: "alice");
        var principal = Principal.ForApiKey(key);
        Assert.Equal("apikey:ci(bastion:alice)", principal.DisplayName);
        Assert.Equal(new BastionBinding("alice", Created), principal.Bastion);
        Assert.False(principal.MayRunOnGateway);
        Assert.Equal("apikey:ci", Principal.ForApiKey(key with { BastionAccount = null }).DisplayName);
    }
}
