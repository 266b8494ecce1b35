using System.Security.Cryptography;
using System.Text;

namespace Rampart.Core.Bastion.Passwords;

/// <summary>
/// The crypt(3) hashes The Bastion shows for an egress password, so that an administrator can set that password on a
/// server or network device without ever seeing it (<c>usermod -p HASH</c>, a switch's <c>secret 5 HASH</c>):
/// md5crypt (<c>$1$</c>), sha256crypt (<c>$5$</c>) and sha512crypt (<c>$6$</c>), written from the published algorithm
/// descriptions (Kamp's MD5-crypt, Drepper's SHA-crypt) with the default round counts.
/// </summary>
public static class UnixCrypt
{
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // SHA-crypt writes the digest in groups of three bytes, in this order (the specification's tables).
    private static readonly int[][] Sha256Order =
    [
        [0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29],
    ];

    private static readonly int[][] Sha512Order =
    [
        [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51],
        [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60],
        [40, 61, 19], [62, 20, 41],
    ];

    /// <summary>Whether <paramref name="text"/> is an md5crypt, sha256crypt or sha512crypt hash (The Bastion's <c>is_valid_hash</c>).</summary>
    public static bool IsHash(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^\$[156]\$[a-zA-Z0-9]+\$[a-zA-Z0-9./]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// A random salt of <paramref name="length"/> letters and digits: crypt's alphabet without <c>.</c> and <c>/</c>, as
    /// The Bastion's salts, since its <c>is_valid_hash</c> (and so <c>--force-password</c>) accepts no other salt.
    /// </summary>
    public static string NewSalt(int length) => RandomNumberGenerator.GetString(Alphabet.AsSpan(2), length);

    /// <summary>sha512crypt with 5,000 rounds: <c>$6$SALT$HASH</c>.</summary>
    public static string Sha512(string password, string salt) => ShaCrypt(password, salt, "$6$", SHA512.HashData, Sha512Order, [-1, -1, 63], 2);

    /// <summary>sha256crypt with 5,000 rounds: <c>$5$SALT$HASH</c>.</summary>
    public static string Sha256(string password, string salt) => ShaCrypt(password, salt, "$5$", SHA256.HashData, Sha256Order, [-1, 31, 30], 3);

    /// <summary>md5crypt: <c>$1$SALT$HASH</c>. Weak, and shown only because old network devices know nothing better.</summary>
    public static string Md5(string password, string salt)
    {
        var key = Encoding.UTF8.GetBytes(password);
        var saltBytes = Encoding.UTF8.GetBytes(salt.Length > 8 ? salt[..8] : salt);
        var alternate = Md5Of(Concat(key, saltBytes, key));
        var context = new List<byte>(key);
        context.AddRange("$1$"u8.ToArray());
        context.AddRange(saltBytes);
        for (var left = key.Length; left > 0; left -= 16)
        {
            context.AddRange(alternate.AsSpan(0, Math.Min(16, left)).ToArray());
        }

        for (var bits = key.Length; bits > 0; bits >>= 1)
        {
            context.Add((bits & 1) != 0 ? (byte)0 : key.Length > 0 ? key[0] : (byte)0);
        }

        var digest = Md5Of([.. context]);
        for (var round = 0; round < 1000; round++)
        {
            var step = new List<byte>();
            step.AddRange((round & 1) != 0 ? key : digest);
            if (round % 3 != 0)
            {
                step.AddRange(saltBytes);
            }

            if (round % 7 != 0)
            {
                step.AddRange(key);
            }

            step.AddRange((round & 1) != 0 ? digest : key);
            digest = Md5Of([.. step]);
        }

        var text = new StringBuilder("$1$").Append(Encoding.UTF8.GetString(saltBytes)).Append('$');
        foreach (var (a, b, c) in new[] { (0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5) })
        {
            Encode(text, digest[a], digest[b], digest[c], 4);
        }

        Encode(text, 0, 0, digest[11], 2);
        return text.ToString();
    }

    private static string ShaCrypt(
        string password, string salt, string magic, Func<byte[], byte[]> hash, int[][] order, int[] last, int lastLength)
    {
        var key = Encoding.UTF8.GetBytes(password);
        var saltBytes = Encoding.UTF8.GetBytes(salt.Length > 16 ? salt[..16] : salt);
        var alternate = hash(Concat(key, saltBytes, key));
        var size = alternate.Length;

        var a = new List<byte>(key);
        a.AddRange(saltBytes);
        a.AddRange(Repeat(alternate, key.Length));
        for (var bits = key.Length; bits > 0; bits >>= 1)
        {
            a.AddRange((bits & 1) != 0 ? alternate : key);
        }

        var digest = hash([.. a]);
        var pBytes = Repeat(hash(Repeated(key, key.Length)), key.Length);
        var sBytes = Repeat(hash(Repeated(saltBytes, 16 + digest[0])), saltBytes.Length);
        for (var round = 0; round < 5000; round++)
        {
            var step = new List<byte>(2 * size + pBytes.Length * 2 + sBytes.Length);
            step.AddRange((round & 1) != 0 ? pBytes : digest);
            if (round % 3 != 0)
            {
                step.AddRange(sBytes);
            }

            if (round % 7 != 0)
            {
                step.AddRange(pBytes);
            }

            step.AddRange((round & 1) != 0 ? digest : pBytes);
            digest = hash([.. step]);
        }

        var text = new StringBuilder(magic).Append(Encoding.UTF8.GetString(saltBytes)).Append('$');
        foreach (var group in order)
        {
            Encode(text, digest[group[0]], digest[group[1]], digest[group[2]], 4);
        }

        // The last group is short: -1 stands for a zero byte.
        byte At(int index) => index < 0 ? (byte)0 : digest[index];
        Encode(text, At(last[0]), At(last[1]), At(last[2]), lastLength);
        return text.ToString();
    }

    /// <summary>Three bytes as crypt's base-64, least significant six bits first.</summary>
    private static void Encode(StringBuilder text, byte high, byte middle, byte low, int characters)
    {
        var word = (high << 16) | (middle << 8) | low;
        for (var i = 0; i < characters; i++)
        {
            text.Append(Alphabet[word & 0x3f]);
            word >>= 6;
        }
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary><paramref name="source"/> repeated, cut to <paramref name="length"/> bytes.</summary>
    private static byte[] Repeat(byte[] source, int length)
    {
        var result = new byte[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = source[i % source.Length];
        }

        return result;
    }

    /// <summary><paramref name="source"/> concatenated <paramref name="times"/> times.</summary>
    private static byte[] Repeated(byte[] source, int times) => [.. Enumerable.Repeat(source, times).SelectMany(b => b)];

#pragma warning disable CA5351 // md5crypt is MD5 by definition; it is only shown to be set on legacy devices, never used to check anything here.
    private static byte[] Md5Of(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351
}
