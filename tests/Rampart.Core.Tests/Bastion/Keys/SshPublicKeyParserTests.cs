using Rampart.Core.Bastion.Keys;

namespace Rampart.Core.Tests.Bastion.Keys;

public sealed class SshPublicKeyParserTests
{
    public static TheoryData<string> VectorNames => new(KeyVectors.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void A_key_reads_with_the_size_fingerprint_and_family_ssh_keygen_prints(string name)
    {
        var vector = KeyVectors.All.Single(v => v.Name == name);

        var key = Parse($"{vector.Typecode} {vector.Base64} test@{name}");

        Assert.Equal(vector.Typecode, key.Typecode);
        Assert.Equal(vector.Base64, key.Base64);
        Assert.Equal(vector.Fingerprint, key.Fingerprint);
        Assert.Equal(vector.Size, key.Size);
        Assert.Equal(vector.Family, key.Family);
        Assert.Equal($"test@{name}", key.Comment);
        Assert.Null(key.Prefix);
        Assert.Empty(key.FromList);
        Assert.Equal($"{vector.Typecode} {vector.Base64} test@{name}", key.Line);
        Assert.Equal($"{vector.Typecode} {vector.Base64}", key.BlobLine);
    }

    [Fact]
    public void Surrounding_whitespace_and_line_breaks_are_dropped_and_the_comment_keeps_its_spaces()
    {
        var v = KeyVectors.LocalEcdsa521;

        var key = Parse($"  \t{v.Typecode}   {v.Base64[..40]}\r\n{v.Base64[40..]}  bob@host with spaces \n");

        Assert.Equal(v.Base64, key.Base64);
        Assert.Equal("bob@host with spaces", key.Comment);
        Assert.Equal(v.Fingerprint, key.Fingerprint);
        Assert.Equal($"{v.Typecode} {v.Base64} bob@host with spaces", key.Line);
    }

    [Fact]
    public void A_key_without_comment_has_a_null_comment()
    {
        var v = KeyVectors.LocalEcdsa384;

        var key = Parse($"{v.Typecode} {v.Base64} ");

        Assert.Null(key.Comment);
        Assert.Equal($"{v.Typecode} {v.Base64}", key.Line);
    }

    [Fact]
    public void A_from_prefix_gives_the_from_list()
    {
        var v = KeyVectors.Ed25519;

        var key = Parse($"from=\"1.2.3.4,5.6.7.0/24\" {v.Typecode} {v.Base64} me");

        Assert.Equal("from=\"1.2.3.4,5.6.7.0/24\"", key.Prefix);
        Assert.Equal(["1.2.3.4", "5.6.7.0/24"], key.FromList);
        Assert.Equal($"from=\"1.2.3.4,5.6.7.0/24\" {v.Typecode} {v.Base64} me", key.Line);
        Assert.Equal($"{v.Typecode} {v.Base64}", key.BlobLine);
        Assert.Equal(v.Fingerprint, key.Fingerprint);
    }

    [Fact]
    public void Several_options_with_quoted_spaces_form_one_prefix_and_from_is_found_among_them()
    {
        var v = KeyVectors.Ecdsa256;
        const string Prefix = "no-pty,command=\"echo \\\"hi there\\\"\",FROM=\"10.0.0.1,!10.0.0.2\",restrict";

        var key = Parse($"{Prefix} {v.Typecode} {v.Base64} c");

        Assert.Equal(Prefix, key.Prefix);
        Assert.Equal(["10.0.0.1", "!10.0.0.2"], key.FromList);
        Assert.Equal("c", key.Comment);
    }

    [Fact]
    public void A_prefix_without_from_gives_an_empty_from_list()
    {
        var v = KeyVectors.Ecdsa256;

        var key = Parse($"no-pty,no-agent-forwarding {v.Typecode} {v.Base64}");

        Assert.Equal("no-pty,no-agent-forwarding", key.Prefix);
        Assert.Empty(key.FromList);
    }

    [Fact]
    public void A_copy_with_another_prefix_derives_its_line_and_from_list_from_it()
    {
        var key = Parse($"{KeyVectors.Ed25519.Typecode} {KeyVectors.Ed25519.Base64} me");

        var moved = key with { Prefix = "from=\"192.0.2.1\"" };

        Assert.Equal(["192.0.2.1"], moved.FromList);
        Assert.Equal($"from=\"192.0.2.1\" {key.BlobLine} me", moved.Line);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl PRIVATE KEY")]
    public void Private_key_text_is_refused_as_such(string text)
    {
        Assert.False(SshPublicKeyParser.TryParse(text, out var key, out var code, out var message));

        Assert.Null(key);
        Assert.Equal("KO_PRIVATE_KEY", code);
        Assert.Contains("HOLY SH", message, StringComparison.Ordinal);
    }

    public static TheoryData<string> NotKeys => new(
        "",
        "   ",
        "bogus",
        "ssh-rsa",
        "ssh-ed25519 ",
        "ssh-ed25519 !!notbase64!!",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEY",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl" + "=",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl\u0007bell",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl " + new string('c', 129),
        "ssh-rsa-cert-v01@openssh.com AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl",
        "ssh-ed448 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl",
        "from=\"1.2.3.4 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl",
        "from='1.2.3.4' ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl",
        "no-pty extra ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl",
        "ssh-rsa " + KeyVectors.Ed25519BlobUnderRsaType,
        "ecdsa-sha2-nistp256 " + KeyVectors.Nistp256TypeWithNistp384Curve,
        "ecdsa-sha2-nistp256 " + KeyVectors.Nistp256PointOffCurve,
        "ssh-ed25519 " + KeyVectors.Ed25519WithTrailingByte,
        "ssh-rsa " + KeyVectors.Rsa768,
        "ecdsa-sha2-nistp384 " + KeyVectors.Ecdsa256.Base64);

    [Theory]
    [MemberData(nameof(NotKeys))]
    public void Anything_else_is_not_a_key(string text)
    {
        Assert.False(SshPublicKeyParser.TryParse(text, out var key, out var code, out var message));

        Assert.Null(key);
        Assert.Equal("KO_NOT_A_KEY", code);
        Assert.Contains("look like an SSH public key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_of_128_bytes_is_the_longest_accepted()
    {
        var v = KeyVectors.Ed25519;

        Assert.Equal(new string('c', 128), Parse($"{v.Typecode} {v.Base64} {new string('c', 128)}").Comment);
        Assert.False(SshPublicKeyParser.TryParse($"{v.Typecode} {v.Base64} {new string('é', 65)}", out _, out var code, out _));
        Assert.Equal("KO_NOT_A_KEY", code);
    }

    [Fact]
    public void A_line_over_3000_characters_is_not_a_key()
    {
        var v = KeyVectors.Rsa16384;
        string Line(int length)
        {
            var key = $"\" {v.Typecode} {v.Base64}";
            return "command=\"" + new string('x', length - key.Length - 9) + key;
        }

        Assert.Equal(3000, Line(3000).Length);
        Assert.Equal(16384, Parse(Line(3000)).Size);
        Assert.False(SshPublicKeyParser.TryParse(Line(3001), out _, out var code, out _));
        Assert.Equal("KO_NOT_A_KEY", code);
    }

    [Fact]
    public void A_dsa_key_is_a_forbidden_algorithm()
    {
        Assert.False(SshPublicKeyParser.TryParse("ssh-dss " + KeyVectors.Dsa1024 + " dsa", out var key, out var code, out var message));

        Assert.Null(key);
        Assert.Equal("KO_FORBIDDEN_ALGORITHM", code);
        Assert.Contains("DSA", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dsa_typecode_over_another_blob_is_not_a_key()
    {
        Assert.False(SshPublicKeyParser.TryParse("ssh-dss " + KeyVectors.Ed25519.Base64, out _, out var code, out _));

        Assert.Equal("KO_NOT_A_KEY", code);
    }

    [Fact]
    public void The_fingerprint_is_the_unpadded_base64_sha256_of_the_blob()
    {
        Assert.Equal("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", SshPublicKeyParser.Fingerprint([]));
    }

    private static SshPublicKey Parse(string text)
    {
        Assert.True(SshPublicKeyParser.TryParse(text, out var key, out var code, out var message), $"{code}: {message}");
        Assert.Null(code);
        Assert.Null(message);
        return key;
    }
}
