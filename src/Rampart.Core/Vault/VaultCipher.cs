using System.Security.Cryptography;
using System.Text;

namespace Rampart.Core.Vault;

/// <summary>
/// Seals secrets with the vault's 256-bit data key: AES-256-GCM, a fresh random 96-bit nonce per secret, and the
/// secret's owner id bound as associated data, so a sealed value copied to another owner does not open.
/// Format: version (1 byte, 1) | nonce (12) | ciphertext | tag (16). Safe to share between threads.
/// </summary>
public sealed class VaultCipher : IDisposable
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const byte FormatVersion = 1;

    /// <summary>Bytes a sealed value adds to its plaintext.</summary>
    public const int Overhead = 1 + NonceSize + TagSize;

    private const string AadPrefix = "rampart-vault-v1:";

    // Strict decoding: a value that opens but is not UTF-8 must fail loudly, not turn into U+FFFD silently.
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // One AesGcm (the key lives only in its native context, no managed copy to leak); it is not thread-safe, hence the lock.
    private readonly AesGcm _aes;
    private readonly Lock _lock = new();
    private bool _disposed;

    public VaultCipher(ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != KeySize)
        {
            throw new ArgumentException($"The vault data key must be {KeySize} bytes.", nameof(dataKey));
        }

        _aes = new AesGcm(dataKey, TagSize);
    }

    /// <summary>A fresh random data key; the caller zeroes it when done.</summary>
    public static byte[] GenerateKey() => RandomNumberGenerator.GetBytes(KeySize);

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string ownerId)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        if (plaintext.Length > Array.MaxLength - Overhead)
        {
            throw new ArgumentException("The secret is too large to seal.", nameof(plaintext));
        }

        var aad = Aad(ownerId);
        var sealedValue = new byte[Overhead + plaintext.Length];
        sealedValue[0] = FormatVersion;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        var ciphertext = sealedValue.AsSpan(1 + NonceSize, plaintext.Length);
        var tag = sealedValue.AsSpan(1 + NonceSize + plaintext.Length, TagSize);

        // Random nonces: the collision risk stays negligible far beyond the number of secrets a vault will ever hold.
        RandomNumberGenerator.Fill(nonce);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _aes.Encrypt(nonce, plaintext, ciphertext, tag, aad);
        }

        return sealedValue;
    }

    public byte[] Open(ReadOnlySpan<byte> sealedValue, string ownerId)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        if (sealedValue.Length < Overhead)
        {
            throw new VaultSecretException("The sealed secret is truncated");
        }

        if (sealedValue[0] != FormatVersion)
        {
            throw new VaultSecretException("The sealed secret has an unknown format version");
        }

        var aad = Aad(ownerId);
        var length = sealedValue.Length - Overhead;
        var nonce = sealedValue.Slice(1, NonceSize);
        var ciphertext = sealedValue.Slice(1 + NonceSize, length);
        var tag = sealedValue.Slice(1 + NonceSize + length, TagSize);
        var plaintext = new byte[length];
        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _aes.Decrypt(nonce, ciphertext, tag, plaintext, aad);
            }
        }
        catch (CryptographicException exception)
        {
            // AesGcm already clears the output on a tag mismatch; clearing again costs nothing and covers any other failure.
            CryptographicOperations.ZeroMemory(plaintext);
            throw new VaultSecretException(
                "The sealed secret does not open: wrong key, wrong owner or tampered data", exception);
        }

        return plaintext;
    }

    public byte[] SealString(string plaintext, string ownerId)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return Seal(bytes, ownerId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public string OpenString(ReadOnlySpan<byte> sealedValue, string ownerId)
    {
        var bytes = Open(sealedValue, ownerId);
        try
        {
            return _strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new VaultSecretException("The sealed secret is not text", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Frees the native cipher context, which holds the only copy of the key this object made.
            _aes.Dispose();
        }
    }

    private static byte[] Aad(string ownerId) => Encoding.UTF8.GetBytes(AadPrefix + ownerId);
}
