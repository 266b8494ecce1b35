using Rampart.Core.Errors;
using Rampart.Core.Vault;

namespace Rampart.Core.Tests.Vault;

public sealed class PassphraseKeyWrapTests
{
    // The minimum the wrap accepts: keeps the suite fast; production uses the 600,000 default.
    private const int FastIterations = PassphraseKeyWrap.MinIterations;

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("пароль 🔑 密码")]
    [InlineData("x")]
    public void A_wrapped_key_unwraps_with_the_same_passphrase(string passphrase)
    {
        var key = VaultCipher.GenerateKey();

        var wrapped = PassphraseKeyWrap.Wrap(key, passphrase, FastIterations);

        Assert.Equal(key, PassphraseKeyWrap.Unwrap(wrapped, passphrase));
    }

    [Fact]
    public void The_wrapped_form_stores_its_parameters_and_not_the_key()
    {
        var key = VaultCipher.GenerateKey();

        var wrapped = PassphraseKeyWrap.Wrap(key, "passphrase", FastIterations);

        Assert.Equal(FastIterations, wrapped.Iterations);
        Assert.True(wrapped.Salt.Length >= 16);
        Assert.Equal(12, wrapped.Nonce.Length);
        Assert.Equal(32 + 16, wrapped.WrappedKey.Length);
        Assert.NotEqual(key, wrapped.WrappedKey[..32]);
        Assert.True(PassphraseKeyWrap.IsWellFormed(wrapped));
    }

    [Fact]
    public void The_default_cost_is_600000_iterations_and_is_stored()
    {
        Assert.Equal(600_000, PassphraseKeyWrap.DefaultIterations);

        var wrapped = PassphraseKeyWrap.Wrap(VaultCipher.GenerateKey(), "passphrase");

        Assert.Equal(600_000, wrapped.Iterations);
    }

    [Fact]
    public void Wrapping_twice_uses_a_fresh_salt_and_nonce()
    {
        var key = VaultCipher.GenerateKey();

        var first = PassphraseKeyWrap.Wrap(key, "passphrase", FastIterations);
        var second = PassphraseKeyWrap.Wrap(key, "passphrase", FastIterations);

        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.WrappedKey, second.WrappedKey);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("Passphrase")]
    [InlineData("passphrase ")]
    [InlineData("")]
    public void A_wrong_passphrase_is_refused_with_a_fixed_message(string attempt)
    {
        var wrapped = PassphraseKeyWrap.Wrap(VaultCipher.GenerateKey(), "passphrase", FastIterations);

        var exception = Assert.Throws<VaultPassphraseException>(() => PassphraseKeyWrap.Unwrap(wrapped, attempt));

        Assert.Equal("Wrong vault passphrase", exception.Message);
        Assert.IsType<RampartException>(exception, exactMatch: false);
        Assert.IsNotType<ClientErrorException>(exception, exactMatch: false);
    }

    [Theory]
    [InlineData("salt")]
    [InlineData("nonce")]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("iterations")]
    public void A_tampered_wrapped_key_does_not_unwrap(string field)
    {
        var wrapped = PassphraseKeyWrap.Wrap(VaultCipher.GenerateKey(), "passphrase", FastIterations);
        var tampered = field switch
        {
            "salt" => wrapped with { Salt = Flip(wrapped.Salt, 0) },
            "nonce" => wrapped with { Nonce = Flip(wrapped.Nonce, 11) },
            "ciphertext" => wrapped with { WrappedKey = Flip(wrapped.WrappedKey, 5) },
            "tag" => wrapped with { WrappedKey = Flip(wrapped.WrappedKey, 47) },
            _ => wrapped with { Iterations = wrapped.Iterations + 1 },
        };

        Assert.Throws<VaultPassphraseException>(() => PassphraseKeyWrap.Unwrap(tampered, "passphrase"));
    }

    [Fact]
    public void Malformed_parameters_are_an_argument_error_not_a_wrong_passphrase()
    {
        var wrapped = PassphraseKeyWrap.Wrap(VaultCipher.GenerateKey(), "passphrase", FastIterations);
        WrappedDataKey[] malformed =
        [
            wrapped with { Salt = new byte[15] },
            wrapped with { Nonce = new byte[16] },
            wrapped with { WrappedKey = wrapped.WrappedKey[..47] },
            wrapped with { Iterations = 0 },
            wrapped with { Iterations = -1 },
            wrapped with { Iterations = int.MaxValue },
        ];

        foreach (var candidate in malformed)
        {
            Assert.False(PassphraseKeyWrap.IsWellFormed(candidate));
            Assert.Throws<ArgumentException>(() => PassphraseKeyWrap.Unwrap(candidate, "passphrase"));
        }
    }

    [Fact]
    public void Wrapping_refuses_an_empty_passphrase_a_weak_cost_or_a_bad_key()
    {
        var key = VaultCipher.GenerateKey();

        Assert.Throws<ArgumentException>(() => PassphraseKeyWrap.Wrap(key, string.Empty, FastIterations));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassphraseKeyWrap.Wrap(key, "passphrase", 1));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => PassphraseKeyWrap.Wrap(key, "passphrase", PassphraseKeyWrap.MaxIterations + 1));
        Assert.Throws<ArgumentException>(() => PassphraseKeyWrap.Wrap(new byte[16], "passphrase", FastIterations));
    }

    [Fact]
    public void An_unwrapped_key_works_in_a_cipher()
    {
        var key = VaultCipher.GenerateKey();
        using var original = new VaultCipher(key);
        var sealedValue = original.SealString("secret", "owner");

        var unwrapped = PassphraseKeyWrap.Unwrap(PassphraseKeyWrap.Wrap(key, "passphrase", FastIterations), "passphrase");
        using var restored = new VaultCipher(unwrapped);

        Assert.Equal("secret", restored.OpenString(sealedValue, "owner"));
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
