using Rampart.Core.Bastion.Access;

namespace Rampart.Core.Tests.Bastion;

/// <summary>
/// The truth tables of the reference's unit tests is_access_granted_ipv4.t and is_access_granted_ipv6.t: one account
/// with eight personal accesses (user/any × port/any × host/subnet), asked for every host or subnet below as user
/// any/"me"/"not" and port any/12/80.
/// </summary>
public sealed class AclTruthTableTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] V4Accesses =
    [
        "me@192.0.2.12:12", "me@198.51.100.0/28:12", "me@192.0.2.13", "me@198.51.100.16/28",
        "192.0.2.22:12", "198.51.100.32/28:12", "192.0.2.23", "198.51.100.48/28",
    ];

    private static readonly string[] V6Accesses =
    [
        "me@[2001:db8::1:2]:12", "me@[2001:db8:cafe::/48]:12", "me@[2001:db8::1:3]", "me@[2001:db8:beef::/48]",
        "[2001:db8::2:2]:12", "[2001:db8:feed::/48]:12", "[2001:db8::2:3]", "[2001:db8:deaf::/48]",
    ];

    private static readonly string?[] Users = [null, "me", "not"];

    private static readonly int?[] Ports = [null, 12, 80];

    // Nine verdicts per target, users (any, me, not) outer and ports (any, 12, 80) inner: '+' is OK.
    private const string OnlyMe12 = "----+----";
    private const string MeAnyPort = "---+++---";
    private const string AnyUser12 = "-+--+--+-";
    private const string Everything = "+++++++++";
    private const string Nothing = "---------";

    private static readonly (string Target, string Verdicts)[] V4Table =
    [
        ("192.0.2.12", OnlyMe12),
        ("198.51.100.4", OnlyMe12),
        ("192.0.2.13", MeAnyPort),
        ("198.51.100.19", MeAnyPort),
        ("192.0.2.22", AnyUser12),
        ("198.51.100.35", AnyUser12),
        ("192.0.2.23", Everything),
        ("198.51.100.49", Everything),
        ("198.51.100.4/30", OnlyMe12),
        ("198.51.100.20/30", MeAnyPort),
        ("198.51.100.36/30", AnyUser12),
        ("198.51.100.52/30", Everything),
        ("192.0.2.255", Nothing),
    ];

    private static readonly (string Target, string Verdicts)[] V6Table =
    [
        ("2001:0db8:0::1:2", OnlyMe12),
        ("2001:db8:cafe:42::42", OnlyMe12),
        ("2001:db8::0:01:03", MeAnyPort),
        ("2001:db8:beef::123", MeAnyPort),
        ("2001:db8::2:2", AnyUser12),
        ("2001:db8:feed::21", AnyUser12),
        ("2001:db8::2:3", Everything),
        ("2001:db8:deaf::1", Everything),
        ("2001:db8:cafe:ffff::/64", OnlyMe12),
        ("2001:db8:beef:ffff::/64", MeAnyPort),
        ("2001:db8:feed:ffff::/64", AnyUser12),
        ("2001:db8:deaf:ffff::/64", Everything),
        ("2001:db8:ffff::1", Nothing),
    ];

    public static TheoryData<string, string?, int?, bool> V4Cases => Expand(V4Table);

    public static TheoryData<string, string?, int?, bool> V6Cases => Expand(V6Table);

    [Theory]
    [MemberData(nameof(V4Cases))]
    public void Ipv4_table(string target, string? user, int? port, bool granted) =>
        Assert.Equal(granted, IsGranted(V4Accesses, target, user, port));

    [Theory]
    [MemberData(nameof(V6Cases))]
    public void Ipv6_table(string target, string? user, int? port, bool granted) =>
        Assert.Equal(granted, IsGranted(V6Accesses, target, user, port));

    [Fact]
    public void The_tables_hold_every_combination()
    {
        Assert.Equal(13 * 9, V4Cases.Count);
        Assert.Equal(13 * 9, V6Cases.Count);
    }

    internal static AclEntry Entry(string access, DateTimeOffset? expiry = null)
    {
        Assert.True(HostSpec.TryParseServerLine(access, out var line, out var error), error);
        Assert.True(HostSpec.TryParseIp(line.Host, allowSubnet: true, out var network, out _));
        return new AclEntry(network, line.User, line.Port, expiry, "admin", Now);
    }

    internal static AclRequest Request(string target, string? user, int? port)
    {
        Assert.True(HostSpec.TryParseIp(target, allowSubnet: true, out var network, out _));
        return new AclRequest(network, user, port);
    }

    private static bool IsGranted(string[] accesses, string target, string? user, int? port)
    {
        var entries = accesses.Select(a => Entry(a)).ToList();
        var request = Request(target, user, port);
        var best = AclMatcher.BestMatch(entries, request, Now);
        Assert.Equal(entries.Any(e => AclMatcher.Grants(e, request, Now)), best is not null);
        return best is not null;
    }

    private static TheoryData<string, string?, int?, bool> Expand((string Target, string Verdicts)[] table)
    {
        var data = new TheoryData<string, string?, int?, bool>();
        foreach (var (target, verdicts) in table)
        {
            for (var u = 0; u < Users.Length; u++)
            {
                for (var p = 0; p < Ports.Length; p++)
                {
                    data.Add(target, Users[u], Ports[p], verdicts[(u * Ports.Length) + p] == '+');
                }
            }
        }

        return data;
    }
}
