using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Rampart.Core.Errors;
using Rampart.Core.Vault;

namespace Rampart.Store.Vault;

/// <summary>
/// The vault's data key in <c>vault.key</c> in the data directory, as JSON, plain or wrapped under a passphrase.
/// Created owner-only (0600) before a key byte is written, via a temporary file moved into place without ever
/// replacing an existing key file: losing that file loses every secret. A file others can read is refused.
/// </summary>
public static class VaultKeyFile
{
    public const string FileName = "vault.key";
    public const int FormatVersion = 1;

    public const string MissingPassphraseMessage =
        "The vault is protected by a passphrase: set RAMPART_VAULT_PASSPHRASE or start the daemon on a terminal";

    // A key file is a few hundred bytes; anything much larger is not one, and is not worth reading into memory.
    private const int MaxFileSize = 64 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The 32-byte data key (the caller zeroes it when done). Creates the file on first start, wrapped when
    /// <paramref name="passphraseProvider"/> returns a passphrase; later starts ask it only for a wrapped file.
    /// </summary>
    public static byte[] LoadOrCreate(string dataDirectory, Func<string?> passphraseProvider) =>
        LoadOrCreate(dataDirectory, passphraseProvider, PassphraseKeyWrap.DefaultIterations);

    /// <summary>As above with a chosen PBKDF2 cost for a new file: tests use a low one.</summary>
    internal static byte[] LoadOrCreate(string dataDirectory, Func<string?> passphraseProvider, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(passphraseProvider);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        if (!Path.Exists(path))
        {
            var created = TryCreate(path, passphraseProvider, iterations);
            if (created is not null)
            {
                return created;
            }
        }

        return Load(path, passphraseProvider);
    }

    /// <summary>The new key, or null when another process created the file first (then it is loaded instead).</summary>
    private static byte[]? TryCreate(string path, Func<string?> passphraseProvider, int iterations)
    {
        var directory = Path.GetDirectoryName(path)!;
        var passphrase = passphraseProvider();
        var key = VaultCipher.GenerateKey();
        var json = new ArrayBufferWriter<byte>(4096);
        var temporary = Path.Combine(directory, $".{FileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var succeeded = false;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Serialize(json, key, string.IsNullOrEmpty(passphrase) ? null : PassphraseKeyWrap.Wrap(key, passphrase, iterations));
            WritePrivateFile(temporary, json.WrittenSpan);
            if (!TryMoveWithoutReplacing(temporary, path))
            {
                return null;
            }

            succeeded = true;
            return key;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RampartException($"Cannot create the vault key file {path}: {exception.Message}", exception);
        }
        finally
        {
            if (!succeeded)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            // The buffer was sized never to grow, so clearing it erases the only serialized copy of the key.
            json.Clear();
            TryDelete(temporary);
        }
    }

    private static void WritePrivateFile(string path, ReadOnlySpan<byte> content)
    {
        // No FileStream buffer: it would keep a copy of the key in a managed array nobody clears.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // The umask can only narrow the create mode; pin it to exactly 0600 before any key byte is written.
            File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
        }

        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Puts the complete file in place atomically, or returns false if the destination already exists. On Unix
    /// File.Move(overwrite: false) checks and then renames, which a concurrent start could slip between; link()
    /// fails atomically instead (the temporary name is deleted afterwards).
    /// </summary>
    private static bool TryMoveWithoutReplacing(string source, string destination)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (Link(source, destination) == 0)
            {
                return true;
            }

            if (Path.Exists(destination))
            {
                return false;
            }

            // A file system without hard links: fall back to the check-then-rename below.
        }

        try
        {
            File.Move(source, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (Path.Exists(destination))
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string existingPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    private static byte[] Load(string path, Func<string?> passphraseProvider)
    {
        var content = ReadPrivateFile(path, out var length);
        try
        {
            return Parse(path, content.AsMemory(0, length), passphraseProvider);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private static byte[] ReadPrivateFile(string path, out int length)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);

            // Checked on the open handle, so the file read is the file checked.
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(handle);
                if ((mode & GroupOrOthers) != 0)
                {
                    throw new RampartException(
                        $"The vault key file {path} is accessible by other users (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); "
                        + $"make it private with: chmod 600 '{path}'");
                }
            }

            var size = RandomAccess.GetLength(handle);
            if (size > MaxFileSize)
            {
                throw Corrupt(path, "it is far too large");
            }

            var content = new byte[size];
            length = 0;
            while (length < content.Length)
            {
                var read = RandomAccess.Read(handle, content.AsSpan(length), length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return content;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RampartException($"Cannot read the vault key file {path}: {exception.Message}", exception);
        }
    }

    private static byte[] Parse(string path, ReadOnlyMemory<byte> content, Func<string?> passphraseProvider)
    {
        JsonDocument document;
        try
        {
            // Parse(ReadOnlyMemory) reads the caller's buffer in place, so zeroing that buffer erases the key text.
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            // The parser's message may quote file content; say only where the problem is.
            throw Corrupt(path, "it is not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Corrupt(path, "it is not a JSON object");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var versionNumber))
            {
                throw Corrupt(path, "\"version\" is missing");
            }

            if (versionNumber != FormatVersion)
            {
                throw new RampartException(
                    $"The vault key file {path} has format version {versionNumber}, which this Rampart does not know; use a newer Rampart");
            }

            var protection = root.TryGetProperty("protection", out var protectionElement)
                && protectionElement.ValueKind == JsonValueKind.String
                ? protectionElement.GetString()
                : null;
            return protection switch
            {
                "none" => ReadPlainKey(path, root),
                "passphrase" => ReadWrappedKey(path, root, passphraseProvider),
                _ => throw Corrupt(path, "\"protection\" must be \"none\" or \"passphrase\""),
            };
        }
    }

    private static byte[] ReadPlainKey(string path, JsonElement root)
    {
        var key = Bytes(path, root, "key");
        if (key.Length != VaultCipher.KeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw Corrupt(path, $"\"key\" is not {VaultCipher.KeySize} bytes");
        }

        return key;
    }

    private static byte[] ReadWrappedKey(string path, JsonElement root, Func<string?> passphraseProvider)
    {
        if (!root.TryGetProperty("kdf", out var kdf) || kdf.ValueKind != JsonValueKind.String
            || !kdf.ValueEquals(PassphraseKeyWrap.Kdf))
        {
            throw Corrupt(path, $"\"kdf\" must be \"{PassphraseKeyWrap.Kdf}\"");
        }

        if (!root.TryGetProperty("iterations", out var iterationsElement) || iterationsElement.ValueKind != JsonValueKind.Number
            || !iterationsElement.TryGetInt32(out var iterations))
        {
            throw Corrupt(path, "\"iterations\" is missing");
        }

        var wrapped = new WrappedDataKey(iterations, Bytes(path, root, "salt"), Bytes(path, root, "nonce"), Bytes(path, root, "wrappedKey"));
        if (!PassphraseKeyWrap.IsWellFormed(wrapped))
        {
            throw Corrupt(path, "the wrapped key's parameters are out of range");
        }

        var passphrase = passphraseProvider();
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new VaultPassphraseException(MissingPassphraseMessage);
        }

        return PassphraseKeyWrap.Unwrap(wrapped, passphrase);
    }

    private static byte[] Bytes(string path, JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String
            && element.TryGetBytesFromBase64(out var bytes))
        {
            return bytes;
        }

        throw Corrupt(path, $"\"{name}\" is missing or not Base64");
    }

    private static void Serialize(IBufferWriter<byte> output, ReadOnlySpan<byte> key, WrappedDataKey? wrapped)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("version", FormatVersion);
        if (wrapped is null)
        {
            writer.WriteString("protection", "none");
            writer.WriteBase64String("key", key);
        }
        else
        {
            writer.WriteString("protection", "passphrase");
            writer.WriteString("kdf", PassphraseKeyWrap.Kdf);
            writer.WriteNumber("iterations", wrapped.Iterations);
            writer.WriteBase64String("salt", wrapped.Salt);
            writer.WriteBase64String("nonce", wrapped.Nonce);
            writer.WriteBase64String("wrappedKey", wrapped.WrappedKey);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static RampartException Corrupt(string path, string reason) =>
        new($"The vault key file {path} is corrupt ({reason}). It was left untouched: restore it from a backup; "
            + "deleting it makes Rampart create a new key, and every stored secret is lost");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is owner-only, and holds nothing the key file does not.
        }
    }
}
