using System.Net;
using Rampart.Core.Bastion.Access;

namespace Rampart.Core.Tests.Bastion;

public sealed class AclEntryTests
{
    private static readonly DateTimeOffset Added = new(2023, 7, 31, 8, 56, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("1.2.3.4/32", "1.2.3.4")]
    [InlineData("10.20.0.0/17", "10.20.0.0/17")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("192.00.002.03", "192.0.2.3")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("[2001:DB8::1]", "2001:db8::1")]
    [InlineData("2001:db8::1/128", "2001:db8::1")]
    [InlineData("2001:db8:cafe::/48", "2001:db8:cafe::/48")]
    [InlineData("::/0", "::/0")]
    public void Ip_text_is_canonical(string typed, string canonical)
    {
        Assert.True(HostSpec.TryParseIp(typed, allowSubnet: true, out var network, out _));
        Assert.Equal(canonical, Make(network).IpText);
    }

    [Fact]
    public void Json_has_the_reference_shape_and_types()
    {
        var entry = Make(IPNetwork.Parse("127.1.2.3/32"), user: null, port: 22);
        Assert.Equal(
            """{"ip":"127.1.2.3","port":"22","user":null,"addedBy":"johndoe","addedDate":"2023-07-31 08:56:05","expiry":null,"forceKey":null,"forcePassword":null,"comment":null,"userComment":null,"reverseDns":null}""",
            entry.ToJson().ToJsonString());
    }

    [Fact]
    public void Json_carries_user_expiry_key_password_comment_and_reverse_dns()
    {
        var entry = Make(IPNetwork.Parse("10.20.0.0/17"), user: "g1", port: null) with
        {
            Expiry = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000),
            Comment = "this is a comment",
            ForceKey = "SHA256:abc",
            ForcePassword = "$6$salt$hash",
        };
        Assert.Equal(
            """{"ip":"10.20.0.0/17","port":null,"user":"g1","addedBy":"johndoe","addedDate":"2023-07-31 08:56:05","expiry":1750000000,"forceKey":"SHA256:abc","forcePassword":"$6$salt$hash","comment":null,"userComment":"this is a comment","reverseDns":"db.example.org"}""",
            entry.ToJson("db.example.org").ToJsonString());
    }

    [Fact]
    public void Added_date_is_written_in_its_own_offset()
    {
        var entry = Make(IPNetwork.Parse("1.2.3.4/32")) with { AddedDate = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) };
        Assert.Equal("2024-01-02 03:04:05", (string?)entry.ToJson()["addedDate"]);
    }

    [Fact]
    public void Expiry_is_strictly_before_now()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = Make(IPNetwork.Parse("1.2.3.4/32"));
        Assert.False(entry.IsExpired(now));
        Assert.False((entry with { Expiry = now }).IsExpired(now));
        Assert.False((entry with { Expiry = now.AddSeconds(1) }).IsExpired(now));
        Assert.True((entry with { Expiry = now.AddSeconds(-1) }).IsExpired(now));
    }

    [Fact]
    public void Same_way_is_network_user_and_port_only()
    {
        var entry = Make(IPNetwork.Parse("1.2.3.4/32"), "root", 22);
        var otherMetadata = entry with
        {
            AddedBy = "someone",
            AddedDate = Added.AddDays(3),
            Expiry = Added.AddDays(9),
            Comment = "c",
            ForceKey = "SHA256:x",
        };
        Assert.True(entry.SameWay(otherMetadata));
        Assert.NotEqual(entry, otherMetadata);
        Assert.False(entry.SameWay(entry with { User = null }));
        Assert.False(entry.SameWay(entry with { User = "Root" }));
        Assert.False(entry.SameWay(entry with { Port = null }));
        Assert.False(entry.SameWay(entry with { Port = 2222 }));
        Assert.False(entry.SameWay(entry with { Network = IPNetwork.Parse("1.2.3.5/32") }));
        Assert.False(entry.SameWay(entry with { Network = IPNetwork.Parse("1.2.3.4/31") }));
    }

    private static AclEntry Make(IPNetwork network, string? user = null, int? port = null) =>
        new(network, user, port, null, "johndoe", Added);
}
