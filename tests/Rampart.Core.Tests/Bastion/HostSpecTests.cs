using Rampart.Core.Bastion.Access;

namespace Rampart.Core.Tests.Bastion;

public sealed class HostSpecTests
{
    [Theory]
    [InlineData("192.0.2.1", false, "192.0.2.1", 32)]
    [InlineData("192.0.2.1/32", false, "192.0.2.1", 32)]
    [InlineData("192.00.002.003", false, "192.0.2.3", 32)]
    [InlineData("0.0.0.0/0", true, "0.0.0.0/0", 0)]
    [InlineData("255.255.255.255/32", true, "255.255.255.255", 32)]
    [InlineData("192.0.2.128/25", true, "192.0.2.128/25", 25)]
    [InlineData("10.20.0.0/17", true, "10.20.0.0/17", 17)]
    [InlineData("[192.0.2.1]", false, "192.0.2.1", 32)]
    [InlineData("2001:db8::1", false, "2001:db8::1", 128)]
    [InlineData("[2001:db8::1]", false, "2001:db8::1", 128)]
    [InlineData("2001:DB8:0:0::1/128", false, "2001:db8::1", 128)]
    [InlineData("2001:db8::/32", true, "2001:db8::/32", 32)]
    [InlineData("[2001:db8:cafe::/48]", true, "2001:db8:cafe::/48", 48)]
    [InlineData("::ffff:192.0.2.1", false, "::ffff:192.0.2.1", 128)]
    public void Parses_ips_and_subnets(string text, bool allowSubnet, string canonical, int prefix)
    {
        Assert.True(HostSpec.TryParseIp(text, allowSubnet, out var network, out var code, out var message));
        Assert.Null(code);
        Assert.Null(message);
        Assert.Equal(canonical, HostSpec.Format(network));
        Assert.Equal(prefix, network.PrefixLength);
    }

    [Theory]
    [InlineData("10.0.0.0/8", false, "Invalid IP address (10.0.0.0/8), as subnets are not allowed")]
    [InlineData("2001:db8::/32", false, "Invalid IP address (2001:db8::/32), as subnets are not allowed")]
    [InlineData("10.1.2.3/8", true, "Invalid prefix length (8) for this prefix (10.1.2.3)")]
    [InlineData("192.0.2.147/24", true, "Invalid prefix length (24) for this prefix (192.0.2.147)")]
    [InlineData("2001:db8::1/64", true, "Invalid prefix length (64) for this prefix (2001:db8::1)")]
    [InlineData("192.0.2.1/33", true, "Invalid IP address (192.0.2.1/33)")]
    [InlineData("2001:db8::/129", true, "Invalid IP address (2001:db8::/129)")]
    [InlineData("255.256.255.255", true, "Invalid IP address (255.256.255.255)")]
    [InlineData("192.00.0002.002", true, "Invalid IP address (192.00.0002.002)")]
    [InlineData("192.0.2", true, "Invalid IP address (192.0.2)")]
    [InlineData("192.0.2.1.5", true, "Invalid IP address (192.0.2.1.5)")]
    [InlineData("1", true, "Invalid IP address (1)")]
    [InlineData("0x7f.0.0.1", true, "Invalid IP address (0x7f.0.0.1)")]
    [InlineData("192.0.2.1/", true, "Invalid IP address (192.0.2.1/)")]
    [InlineData("192.0.2.1/a", true, "Invalid IP address (192.0.2.1/a)")]
    [InlineData("192.0.2.1/-1", true, "Invalid IP address (192.0.2.1/-1)")]
    [InlineData("fe80::1%eth0", true, "Invalid IP address (fe80::1%eth0)")]
    [InlineData("2001:db8:::1", true, "Invalid IP address (2001:db8:::1)")]
    [InlineData("server.example.org", true, "Invalid IP address (server.example.org)")]
    [InlineData("", true, "Invalid IP address ()")]
    public void Refuses_bad_ips_with_KO_INVALID_IP(string text, bool allowSubnet, string expectedMessage)
    {
        Assert.False(HostSpec.TryParseIp(text, allowSubnet, out _, out var code, out var message));
        Assert.Equal("KO_INVALID_IP", code);
        Assert.Equal(expectedMessage, message);
        Assert.False(HostSpec.TryParseIp(text, allowSubnet, out _, out var shortCode));
        Assert.Equal("KO_INVALID_IP", shortCode);
    }

    [Theory]
    [InlineData("server12.example.org", "server12.example.org", null, null, null)]
    [InlineData("logs@server", "server", "logs", null, null)]
    [InlineData("192.0.2.21", "192.0.2.21", null, null, null)]
    [InlineData("host1.example.net:2222 host1 on secondary sshd with alternate port", "host1.example.net", null, 2222, "host1 on secondary sshd with alternate port")]
    [InlineData("root@192.0.2.0/24 production database cluster", "192.0.2.0/24", "root", null, "production database cluster")]
    [InlineData("  \tweb_1:22\t  spaced   out  ", "web_1", null, 22, "spaced   out")]
    [InlineData("[::1]:22", "::1", null, 22, null)]
    [InlineData("[::1]", "::1", null, null, null)]
    [InlineData("admin@[2001:db8::1]:65535 v6 box", "2001:db8::1", "admin", 65535, "v6 box")]
    [InlineData("2001:db8::1", "2001:db8::1", null, null, null)]
    [InlineData("root@2001:db8::/32 a block", "2001:db8::/32", "root", null, "a block")]
    [InlineData("[2001:db8:cafe::/48]:2222", "2001:db8:cafe::/48", null, 2222, null)]
    [InlineData("ssh-password-root@host:1", "host", "ssh-password-root", 1, null)]
    [InlineData("a@b@host", "host", "a@b", null, null)]
    [InlineData("dev-*@10.0.0.1", "10.0.0.1", "dev-*", null, null)]
    [InlineData("!scpupload@10.0.0.1:22", "10.0.0.1", "!scpupload", 22, null)]
    [InlineData("bad user@host", "bad", null, null, "user@host")]
    public void Parses_server_lines(string line, string host, string? user, int? port, string? comment)
    {
        Assert.True(HostSpec.TryParseServerLine(line, out var parsed, out var error), error);
        Assert.Null(error);
        Assert.Equal(new ServerLine(host, user, port, comment), parsed);
    }

    [Theory]
    [InlineData("", "Empty line")]
    [InlineData(" \t ", "Empty line")]
    [InlineData("host:0", "port '0' is invalid")]
    [InlineData("host:65536", "port '65536' is invalid")]
    [InlineData("host:99999999999999", "port '99999999999999' is invalid")]
    [InlineData("[::1]:0 c", "port '0' is invalid")]
    [InlineData("host:abc", "Couldn't parse the line 'host:abc'")]
    [InlineData("host: 22", "Couldn't parse the line 'host: 22'")]
    [InlineData("host:+22", "Couldn't parse the line 'host:+22'")]
    [InlineData("@host", "Couldn't parse the line '@host'")]
    [InlineData("root@", "Couldn't parse the line 'root@'")]
    [InlineData("[::1", "Couldn't parse the line '[::1'")]
    [InlineData("[::1]22", "Couldn't parse the line '[::1]22'")]
    [InlineData("[]:22", "Couldn't parse the line '[]:22'")]
    [InlineData("ho$t.example.org", "Couldn't parse the line 'ho$t.example.org'")]
    [InlineData("  ho,st  x ", "Couldn't parse the line 'ho,st  x'")]
    [InlineData("us#er@host:22", "user 'us#er' is invalid")]
    [InlineData("é@host", "user 'é' is invalid")]
    public void Refuses_bad_server_lines(string line, string expectedError)
    {
        Assert.False(HostSpec.TryParseServerLine(line, out _, out var error));
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void The_port_is_checked_before_the_user_as_the_reference_does()
    {
        Assert.False(HostSpec.TryParseServerLine("us#er@host:0", out _, out var error));
        Assert.Equal("port '0' is invalid", error);
    }

    [Fact]
    public void Remote_users_are_at_most_128_characters()
    {
        Assert.True(HostSpec.IsRemoteUser(new string('a', 128), allowWildcards: false));
        Assert.False(HostSpec.IsRemoteUser(new string('a', 129), allowWildcards: false));
        Assert.False(HostSpec.IsRemoteUser("", allowWildcards: true));
        Assert.False(HostSpec.IsRemoteUser("dev-*", allowWildcards: false));
        Assert.True(HostSpec.IsRemoteUser("dev-*", allowWildcards: true));
        Assert.False(HostSpec.TryParseServerLine(new string('a', 129) + "@host", out _, out var error));
        Assert.StartsWith("user 'aaa", error, StringComparison.Ordinal);
    }
}
