using Rampart.Core.Bastion.Keys;

namespace Rampart.Core.Tests.Bastion.Keys;

public sealed class KeyPolicyTests
{
    [Theory]
    [InlineData("Rsa1024", "KO_KEY_SIZE_TOO_SMALL")]
    [InlineData("LocalRsa1024Odd", "KO_KEY_SIZE_TOO_SMALL")]
    [InlineData("Rsa2048", null)]
    [InlineData("Rsa8192", null)]
    [InlineData("LocalRsa8200", "KO_KEY_SIZE_TOO_BIG")]
    [InlineData("Rsa16384", "KO_KEY_SIZE_TOO_BIG")]
    [InlineData("Ecdsa256", null)]
    [InlineData("Ecdsa521", null)]
    [InlineData("Ed25519", null)]
    [InlineData("EcdsaSk", null)]
    [InlineData("Ed25519Sk", null)]
    public void The_ingress_defaults_take_rsa_from_2048_to_8192_bits_and_every_other_family(string name, string? expected)
    {
        Assert.Equal(expected, KeyPolicy.Ingress.Check(Key(name)));
    }

    [Theory]
    [InlineData("EcdsaSk", "KO_FORBIDDEN_ALGORITHM")]
    [InlineData("Ed25519Sk", "KO_FORBIDDEN_ALGORITHM")]
    [InlineData("Ed25519", null)]
    [InlineData("Rsa4096", null)]
    public void The_egress_defaults_have_no_hardware_backed_families(string name, string? expected)
    {
        Assert.Equal(expected, KeyPolicy.Egress.Check(Key(name)));
    }

    [Fact]
    public void A_forbidden_family_is_reported_before_a_size()
    {
        var policy = KeyPolicy.Ingress with { AllowedAlgorithms = ["ed25519"] };

        Assert.Equal("KO_FORBIDDEN_ALGORITHM", policy.Check(Key("Rsa1024")));
        Assert.Null(policy.Check(Key("Ed25519")));
    }

    [Fact]
    public void Sizes_are_configurable_and_algorithm_names_compare_without_case()
    {
        var policy = new KeyPolicy { AllowedAlgorithms = ["RSA"], RsaMinSize = 4096, RsaMaxSize = 16384 };

        Assert.Equal("KO_KEY_SIZE_TOO_SMALL", policy.Check(Key("Rsa2048")));
        Assert.Null(policy.Check(Key("Rsa4096")));
        Assert.Null(policy.Check(Key("Rsa16384")));
        Assert.Equal("KO_FORBIDDEN_ALGORITHM", policy.Check(Key("Ecdsa256")));
    }

    private static SshPublicKey Key(string name)
    {
        var vector = KeyVectors.All.Single(v => v.Name == name);
        Assert.True(SshPublicKeyParser.TryParse($"{vector.Typecode} {vector.Base64}", out var key, out _, out _));
        return key;
    }
}
