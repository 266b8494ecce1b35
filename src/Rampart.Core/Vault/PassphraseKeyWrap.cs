using System.Security.Cryptography;
using System.Text;

namespace Rampart.Core.Vault;

/// <summary>
/// Wraps the vault's data key under a passphrase: PBKDF2-HMAC-SHA256 (random salt, stored iteration count) derives a
/// key-encryption key that seals the data key with AES-256-GCM. A wrong passphrase fails the GCM tag.
/// </summary>
public static class PassphraseKeyWrap
{
    public const string Kdf = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Low enough for fast tests, high enough that nobody ships 1 by accident.</summary>
    public const int MinIterations = 1_000;

    /// <summary>Bounds the start-up cost a corrupt or hostile key file can impose (a few seconds), with room to raise the default.</summary>
    public const int MaxIterations = 10_000_000;

    public const int SaltSize = 16;
    public const int MaxSaltSize = 256;

    private const string Aad = "rampart-vault-key-v1";
    private const int WrappedKeySize = VaultCipher.KeySize + VaultCipher.TagSize;

    public static WrappedDataKey Wrap(ReadOnlySpan<byte> dataKey, string passphrase, int iterations = DefaultIterations)
    {
        if (dataKey.Length != VaultCipher.KeySize)
        {
            throw new ArgumentException($"The vault data key must be {VaultCipher.KeySize} bytes.", nameof(dataKey));
        }

        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);

        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var nonce = RandomNumberGenerator.GetBytes(VaultCipher.NonceSize);
        var wrapped = new byte[WrappedKeySize];
        Span<byte> kek = stackalloc byte[VaultCipher.KeySize];
        try
        {
            DeriveKey(passphrase, salt, iterations, kek);
            using var aes = new AesGcm(kek, VaultCipher.TagSize);
            aes.Encrypt(
                nonce,
                dataKey,
                wrapped.AsSpan(0, VaultCipher.KeySize),
                wrapped.AsSpan(VaultCipher.KeySize),
                Encoding.UTF8.GetBytes(Aad));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }

        return new WrappedDataKey(iterations, salt, nonce, wrapped);
    }

    /// <summary>The data key (the caller zeroes it when done), or <see cref="VaultPassphraseException"/> for a wrong passphrase.</summary>
    public static byte[] Unwrap(WrappedDataKey wrapped, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!IsWellFormed(wrapped))
        {
            throw new ArgumentException("The wrapped vault key is malformed.", nameof(wrapped));
        }

        var dataKey = new byte[VaultCipher.KeySize];
        Span<byte> kek = stackalloc byte[VaultCipher.KeySize];
        try
        {
            DeriveKey(passphrase, wrapped.Salt, wrapped.Iterations, kek);
            using var aes = new AesGcm(kek, VaultCipher.TagSize);
            aes.Decrypt(
                wrapped.Nonce,
                wrapped.WrappedKey.AsSpan(0, VaultCipher.KeySize),
                wrapped.WrappedKey.AsSpan(VaultCipher.KeySize),
                dataKey,
                Encoding.UTF8.GetBytes(Aad));
            return dataKey;
        }
        catch (CryptographicException exception)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw new VaultPassphraseException("Wrong vault passphrase", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>Sizes and bounds as this version writes them; anything else is a corrupt file, not a wrong passphrase.</summary>
    public static bool IsWellFormed(WrappedDataKey wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        return wrapped.Iterations is >= MinIterations and <= MaxIterations
            && wrapped.Salt is { Length: >= SaltSize and <= MaxSaltSize }
            && wrapped.Nonce is { Length: VaultCipher.NonceSize }
            && wrapped.WrappedKey is { Length: WrappedKeySize };
    }

    private static void DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations, Span<byte> destination)
    {
        var password = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(password, salt, destination, iterations, HashAlgorithmName.SHA256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
