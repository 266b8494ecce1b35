using Rampart.Core.Bastion.Keys;

namespace Rampart.Core.Tests.Bastion.Keys;

public sealed class AuthorizedKeysLineTests
{
    private static readonly SshPublicKey _key = Parse(
        $"no-pty {KeyVectors.Ed25519.Typecode} {KeyVectors.Ed25519.Base64} user@desk");

    [Fact]
    public void A_from_list_replaces_the_keys_own_prefix()
    {
        Assert.Equal(
            $"from=\"192.0.2.1,198.51.100.0/24,2001:db8::/32\" ssh-ed25519 {KeyVectors.Ed25519.Base64} user@desk",
            AuthorizedKeysLine.Format(_key, ["192.0.2.1", "198.51.100.0/24", "2001:db8::/32"]));
    }

    [Fact]
    public void An_empty_from_list_gives_the_bare_key()
    {
        Assert.Equal($"ssh-ed25519 {KeyVectors.Ed25519.Base64} user@desk", AuthorizedKeysLine.Format(_key, []));
    }

    [Fact]
    public void The_formatted_line_reads_back_with_the_same_from_list()
    {
        var line = AuthorizedKeysLine.Format(_key, ["10.0.0.0/8", "!10.1.2.3", "*.example.org"]);

        var key = Parse(line);

        Assert.Equal(["10.0.0.0/8", "!10.1.2.3", "*.example.org"], key.FromList);
        Assert.Equal(_key.BlobLine, key.BlobLine);
    }

    [Theory]
    [InlineData("1.2.3.4\" command=\"sh")]
    [InlineData("1.2.3.4,5.6.7.8")]
    [InlineData("1.2.3.4 5.6.7.8")]
    [InlineData("")]
    [InlineData("a\\b")]
    public void An_entry_that_could_break_out_of_the_option_is_refused(string entry)
    {
        Assert.Throws<ArgumentException>(() => AuthorizedKeysLine.Format(_key, ["192.0.2.1", entry]));
    }

    private static SshPublicKey Parse(string text)
    {
        Assert.True(SshPublicKeyParser.TryParse(text, out var key, out _, out _));
        return key;
    }
}
