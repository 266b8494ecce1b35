using System.Runtime.Versioning;
using System.Text.Json;
using Rampart.Core.Errors;
using Rampart.Core.Vault;
using Rampart.Store.Vault;

namespace Rampart.Integration.Tests.Store;

[UnsupportedOSPlatform("windows")]
public sealed class VaultKeyFileTests : IDisposable
{
    private const int FastIterations = PassphraseKeyWrap.MinIterations;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-vault-").FullName;

    private string KeyPath => Path.Combine(_directory, VaultKeyFile.FileName);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_first_start_creates_an_owner_only_unwrapped_key_file()
    {
        var key = VaultKeyFile.LoadOrCreate(_directory, () => null);

        Assert.Equal(32, key.Length);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(KeyPath));
        using var json = JsonDocument.Parse(File.ReadAllBytes(KeyPath));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("none", root.GetProperty("protection").GetString());
        Assert.Equal(key, root.GetProperty("key").GetBytesFromBase64());
        Assert.Equal([KeyPath], Directory.GetFiles(_directory));
    }

    [Fact]
    public void The_file_is_0600_whatever_the_umask_would_allow()
    {
        // A pre-existing owner-only directory with the default umask still yields exactly 0600, never 0644.
        VaultKeyFile.LoadOrCreate(_directory, () => null);

        Assert.Equal(0, (int)(File.GetUnixFileMode(KeyPath) & ~OwnerOnly));
    }

    [Fact]
    public void A_missing_data_directory_is_created_owner_only()
    {
        var nested = Path.Combine(_directory, "data");

        VaultKeyFile.LoadOrCreate(nested, () => null);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(nested));
        Assert.True(File.Exists(Path.Combine(nested, VaultKeyFile.FileName)));
    }

    [Fact]
    public void Later_starts_load_the_same_key_without_asking_for_a_passphrase()
    {
        var created = VaultKeyFile.LoadOrCreate(_directory, () => null);

        var loaded = VaultKeyFile.LoadOrCreate(_directory, () => throw new InvalidOperationException("not asked"));

        Assert.Equal(created, loaded);
    }

    [Fact]
    public void A_passphrase_on_the_first_start_wraps_the_key()
    {
        var created = VaultKeyFile.LoadOrCreate(_directory, () => "correct horse", FastIterations);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(KeyPath));
        var text = File.ReadAllText(KeyPath);
        Assert.DoesNotContain(Convert.ToBase64String(created), text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("passphrase", root.GetProperty("protection").GetString());
        Assert.Equal("pbkdf2-sha256", root.GetProperty("kdf").GetString());
        Assert.Equal(FastIterations, root.GetProperty("iterations").GetInt32());
        Assert.True(root.GetProperty("salt").GetBytesFromBase64().Length >= 16);
        Assert.Equal(12, root.GetProperty("nonce").GetBytesFromBase64().Length);
        Assert.Equal(48, root.GetProperty("wrappedKey").GetBytesFromBase64().Length);
        Assert.False(root.TryGetProperty("key", out _));

        Assert.Equal(created, VaultKeyFile.LoadOrCreate(_directory, () => "correct horse"));
    }

    [Fact]
    public void The_public_entry_point_wraps_with_600000_iterations()
    {
        VaultKeyFile.LoadOrCreate(_directory, () => "correct horse");

        using var json = JsonDocument.Parse(File.ReadAllBytes(KeyPath));
        Assert.Equal(600_000, json.RootElement.GetProperty("iterations").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_wrapped_file_without_a_passphrase_says_how_to_give_one(string? missing)
    {
        VaultKeyFile.LoadOrCreate(_directory, () => "correct horse", FastIterations);

        var exception = Assert.Throws<VaultPassphraseException>(() => VaultKeyFile.LoadOrCreate(_directory, () => missing));

        Assert.Equal(
            "The vault is protected by a passphrase: set RAMPART_VAULT_PASSPHRASE or start the daemon on a terminal",
            exception.Message);
    }

    [Fact]
    public void A_wrong_passphrase_is_refused_and_the_file_kept()
    {
        VaultKeyFile.LoadOrCreate(_directory, () => "correct horse", FastIterations);
        var before = File.ReadAllBytes(KeyPath);

        var exception = Assert.Throws<VaultPassphraseException>(() => VaultKeyFile.LoadOrCreate(_directory, () => "wrong horse"));

        Assert.Equal("Wrong vault passphrase", exception.Message);
        Assert.Equal(before, File.ReadAllBytes(KeyPath));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public void A_file_others_can_access_is_refused_with_the_fix(UnixFileMode mode, string octal)
    {
        VaultKeyFile.LoadOrCreate(_directory, () => null);
        File.SetUnixFileMode(KeyPath, mode);
        var before = File.ReadAllBytes(KeyPath);

        var exception = Assert.Throws<RampartException>(() => VaultKeyFile.LoadOrCreate(_directory, () => null));

        Assert.Contains(KeyPath, exception.Message, StringComparison.Ordinal);
        Assert.Contains(octal, exception.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(KeyPath));
        Assert.Equal(mode, File.GetUnixFileMode(KeyPath));
    }

    [Fact]
    public void A_read_only_owner_file_is_accepted()
    {
        var created = VaultKeyFile.LoadOrCreate(_directory, () => null);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead);

        Assert.Equal(created, VaultKeyFile.LoadOrCreate(_directory, () => null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("{\"version\":1,\"protection\":\"none\",\"key\":")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"version\":\"1\",\"protection\":\"none\",\"key\":\"AAAA\"}")]
    [InlineData("{\"version\":1,\"protection\":\"none\"}")]
    [InlineData("{\"version\":1,\"protection\":\"none\",\"key\":\"AAAA\"}")]
    [InlineData("{\"version\":1,\"protection\":\"none\",\"key\":\"not base64\"}")]
    [InlineData("{\"version\":1,\"protection\":\"rot13\",\"key\":\"AAAA\"}")]
    [InlineData("{\"version\":1,\"protection\":\"passphrase\",\"kdf\":\"md5\"}")]
    [InlineData("{\"version\":1,\"protection\":\"passphrase\",\"kdf\":\"pbkdf2-sha256\",\"iterations\":2147483647,"
        + "\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"nonce\":\"AAAAAAAAAAAAAAAA\",\"wrappedKey\":\"AAAA\"}")]
    [InlineData("{\"version\":2,\"protection\":\"none\",\"key\":\"AAAA\"}")]
    public void A_corrupt_file_is_reported_by_name_and_never_overwritten(string content)
    {
        File.WriteAllText(KeyPath, content);
        File.SetUnixFileMode(KeyPath, OwnerOnly);

        var exception = Assert.Throws<RampartException>(
            () => VaultKeyFile.LoadOrCreate(_directory, () => throw new InvalidOperationException("not asked")));

        Assert.Contains(KeyPath, exception.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(KeyPath));
        Assert.Equal([KeyPath], Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_dangling_symlink_in_place_of_the_key_file_is_not_replaced()
    {
        File.CreateSymbolicLink(KeyPath, Path.Combine(_directory, "missing"));

        var exception = Assert.Throws<RampartException>(() => VaultKeyFile.LoadOrCreate(_directory, () => null));

        Assert.Contains(KeyPath, exception.Message, StringComparison.Ordinal);
        Assert.NotNull(new FileInfo(KeyPath).LinkTarget);
        Assert.False(File.Exists(Path.Combine(_directory, "missing")));
    }

    [Fact]
    public void Concurrent_first_starts_agree_on_one_key()
    {
        var keys = new byte[16][];

        Parallel.For(0, keys.Length, i => keys[i] = VaultKeyFile.LoadOrCreate(_directory, () => null));

        Assert.All(keys, key => Assert.Equal(keys[0], key));
        using var json = JsonDocument.Parse(File.ReadAllBytes(KeyPath));
        Assert.Equal(keys[0], json.RootElement.GetProperty("key").GetBytesFromBase64());
        Assert.Equal([KeyPath], Directory.GetFiles(_directory));
    }

    [Fact]
    public void The_loaded_key_opens_what_the_created_key_sealed()
    {
        byte[] sealedValue;
        using (var cipher = new VaultCipher(VaultKeyFile.LoadOrCreate(_directory, () => "pass", FastIterations)))
        {
            sealedValue = cipher.SealString("secret", "connection:1");
        }

        using var reopened = new VaultCipher(VaultKeyFile.LoadOrCreate(_directory, () => "pass"));
        Assert.Equal("secret", reopened.OpenString(sealedValue, "connection:1"));
    }
}
