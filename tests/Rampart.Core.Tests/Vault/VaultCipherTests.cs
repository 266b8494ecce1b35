using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Errors;
using Rampart.Core.Vault;

namespace Rampart.Core.Tests.Vault;

public sealed class VaultCipherTests
{
    private const string Owner = "connection:0b6e3f58-5c1e-4c1a-9d1e-2f7c1c9a0001";

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("pässwörd – пароль – 密码 – 🔑\u0000\n\t\"'\\")]
    public void A_sealed_string_opens_to_the_same_string(string secret)
    {
        using var cipher = NewCipher();

        var sealedValue = cipher.SealString(secret, Owner);

        Assert.Equal(secret, cipher.OpenString(sealedValue, Owner));
    }

    [Fact]
    public void A_large_binary_secret_round_trips()
    {
        using var cipher = NewCipher();
        var secret = RandomNumberGenerator.GetBytes(1 << 20);

        Assert.Equal(secret, cipher.Open(cipher.Seal(secret, Owner), Owner));
    }

    [Fact]
    public void The_sealed_format_is_version_nonce_ciphertext_tag()
    {
        using var cipher = NewCipher();
        var plaintext = Encoding.UTF8.GetBytes("секрет");

        var sealedValue = cipher.Seal(plaintext, Owner);

        Assert.Equal(1 + 12 + plaintext.Length + 16, sealedValue.Length);
        Assert.Equal(1, sealedValue[0]);
        Assert.Equal(VaultCipher.Overhead, sealedValue.Length - plaintext.Length);
    }

    [Fact]
    public void Sealing_the_same_value_twice_uses_fresh_nonces()
    {
        using var cipher = NewCipher();

        var nonces = Enumerable.Range(0, 100)
            .Select(_ => Convert.ToHexString(cipher.SealString("same", Owner).AsSpan(1, VaultCipher.NonceSize)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, nonces.Count);
    }

    [Theory]
    [InlineData("connection:2")]
    [InlineData("connection:10")]
    [InlineData("connection:1 ")]
    [InlineData("Connection:1")]
    [InlineData("")]
    public void A_value_sealed_for_one_owner_does_not_open_for_another(string otherOwner)
    {
        using var cipher = NewCipher();
        var sealedValue = cipher.SealString("secret", "connection:1");

        Assert.Throws<VaultSecretException>(() => cipher.Open(sealedValue, otherOwner));
    }

    [Theory]
    [InlineData("version", 0)]
    [InlineData("nonce start", 1)]
    [InlineData("nonce end", 12)]
    [InlineData("ciphertext start", 13)]
    [InlineData("ciphertext end", 13 + 6)]
    [InlineData("tag start", 13 + 7)]
    [InlineData("tag end", 13 + 7 + 15)]
    public void A_flipped_bit_in_any_region_is_refused(string region, int offset)
    {
        using var cipher = NewCipher();
        var sealedValue = cipher.SealString("7 bytes", Owner);
        Assert.Equal(13 + 7 + 16, sealedValue.Length);

        sealedValue[offset] ^= 0x01;

        var exception = Assert.Throws<VaultSecretException>(() => cipher.Open(sealedValue, Owner));
        Assert.False(string.IsNullOrEmpty(exception.Message), region);
    }

    [Fact]
    public void Every_single_bit_flip_is_refused()
    {
        using var cipher = NewCipher();
        var original = cipher.SealString("secret!", Owner);

        for (var i = 0; i < original.Length * 8; i++)
        {
            var tampered = (byte[])original.Clone();
            tampered[i / 8] ^= (byte)(1 << (i % 8));
            Assert.Throws<VaultSecretException>(() => cipher.Open(tampered, Owner));
        }
    }

    [Fact]
    public void Every_truncation_and_an_extension_are_refused()
    {
        using var cipher = NewCipher();
        var original = cipher.SealString("secret!", Owner);

        for (var length = 0; length < original.Length; length++)
        {
            var truncated = original[..length];
            Assert.Throws<VaultSecretException>(() => cipher.Open(truncated, Owner));
        }

        Assert.Throws<VaultSecretException>(() => cipher.Open([.. original, 0], Owner));
    }

    [Fact]
    public void A_sealed_empty_value_is_still_authenticated()
    {
        using var cipher = NewCipher();
        var sealedValue = cipher.SealString(string.Empty, Owner);
        Assert.Equal(VaultCipher.Overhead, sealedValue.Length);

        sealedValue[^1] ^= 0x80;

        Assert.Throws<VaultSecretException>(() => cipher.Open(sealedValue, Owner));
    }

    [Fact]
    public void A_value_sealed_with_another_key_is_refused()
    {
        using var mine = NewCipher();
        using var foreign = NewCipher();

        Assert.Throws<VaultSecretException>(() => mine.Open(foreign.SealString("secret", Owner), Owner));
    }

    [Fact]
    public void Errors_are_client_errors_and_never_quote_the_secret_or_the_key()
    {
        var key = VaultCipher.GenerateKey();
        using var cipher = new VaultCipher(key);
        const string Secret = "correct-horse-battery-staple";
        var sealedValue = cipher.SealString(Secret, Owner);

        var exception = Assert.Throws<VaultSecretException>(() => cipher.OpenString(sealedValue, "other"));

        Assert.IsType<ClientErrorException>(exception, exactMatch: false);
        foreach (var text in new[] { exception.Message, exception.ToString() })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(key), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(key), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_value_that_is_not_utf8_does_not_open_as_a_string()
    {
        using var cipher = NewCipher();
        var sealedValue = cipher.Seal([0xC3, 0x28, 0xFF], Owner);

        Assert.Throws<VaultSecretException>(() => cipher.OpenString(sealedValue, Owner));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Only_a_256_bit_key_is_accepted(int size)
    {
        Assert.Throws<ArgumentException>(() => new VaultCipher(new byte[size]));
    }

    [Fact]
    public void A_disposed_cipher_refuses_to_work_and_may_be_disposed_twice()
    {
        var cipher = NewCipher();
        var sealedValue = cipher.SealString("secret", Owner);

        cipher.Dispose();
        cipher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cipher.SealString("secret", Owner));
        Assert.Throws<ObjectDisposedException>(() => cipher.Open(sealedValue, Owner));
    }

    [Fact]
    public void One_cipher_serves_many_threads()
    {
        using var cipher = NewCipher();

        Parallel.For(0, 2_000, i =>
        {
            var owner = "owner-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var secret = "secret-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(secret, cipher.OpenString(cipher.SealString(secret, owner), owner));
        });
    }

    private static VaultCipher NewCipher()
    {
        var key = VaultCipher.GenerateKey();
        try
        {
            return new VaultCipher(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
