using System.Security.Cryptography;
using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Passwords;

/// <summary>
/// New egress passwords as The Bastion makes them: letters, digits and only <c>+ % #</c> as specials (some network
/// devices accept no other), 16 characters unless asked otherwise, 8 to 128.
/// </summary>
public static class EgressPasswordText
{
    public const int DefaultSize = 16;

    public const int MinimumSize = 8;

    public const int MaximumSize = 128;

    private const string Characters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+%#";

    /// <summary>Why <paramref name="size"/> cannot be used, or null.</summary>
    public static string? SizeProblem(int size) => size switch
    {
        < MinimumSize => $"Specified size must be >= {MinimumSize}",
        > MaximumSize => $"Specified size must be <= {MaximumSize}",
        _ => null,
    };

    public static string Generate(int size) => RandomNumberGenerator.GetString(Characters, size);

    /// <summary>The password's crypt hashes, each with a fresh salt.</summary>
    public static EgressPasswordHashes Hash(string password) => new(
        UnixCrypt.Md5(password, UnixCrypt.NewSalt(8)),
        UnixCrypt.Sha256(password, UnixCrypt.NewSalt(16)),
        UnixCrypt.Sha512(password, UnixCrypt.NewSalt(16)));
}
