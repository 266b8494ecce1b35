using Rampart.Core.Access;

namespace Rampart.Core.Tests.Access;

public sealed class HostTextTests
{
    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8::5", "2001:db8::5")]
    [InlineData("2001:0DB8:0:0:0:0:0:5", "2001:db8::5")]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    public void Usual_ip_literals_are_addresses(string host, string address)
    {
        Assert.True(HostText.TryAddress(host, out var parsed));
        Assert.Equal(address, parsed.ToString());
    }

    [Theory]
    [InlineData("127.1")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%eth0")]
    [InlineData("web1.example.com")]
    [InlineData("")]
    public void Other_forms_are_not_addresses(string host) => Assert.False(HostText.TryAddress(host, out _));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("web-1.example.com", true)]
    [InlineData("web1.example.com.", true)]
    [InlineData("beef.cafe", true)]
    [InlineData("127.1", false)]
    [InlineData("0x7f.1", false)]
    [InlineData("2130706433", false)]
    [InlineData("192.0.2.10", false)]
    [InlineData("-web", false)]
    [InlineData("web-", false)]
    [InlineData("a..b", false)]
    [InlineData("root@web1", false)]
    [InlineData("ssh://web1", false)]
    [InlineData("web_1", false)]
    [InlineData("", false)]
    public void Names_are_dns_labels_that_are_not_numbers(string host, bool isName) => Assert.Equal(isName, HostText.IsName(host));
}
