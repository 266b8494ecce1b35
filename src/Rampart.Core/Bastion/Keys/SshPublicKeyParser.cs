using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Core.Bastion.Keys;

/// <summary>
/// Reads one public key line (<c>[options ]typecode base64[ comment]</c>) the way The Bastion does: its line syntax
/// (<c>get_ssh_pub_key_info</c> in <c>ssh.inc</c>) and, in place of running <c>ssh-keygen -l</c>, the same checks of
/// the blob OpenSSH makes when it loads the key.
/// </summary>
public static class SshPublicKeyParser
{
    // The Bastion's limits: the whole line at most 3000 characters, the comment at most 128 bytes.
    private const int MaxLineLength = 3000;
    private const int MaxCommentBytes = 128;

    // OpenSSH refuses RSA moduli under 1024 bits when loading a key, and reads no bignum over 16384 bits.
    private const int MinRsaBits = 1024;
    private const int MaxRsaBits = 16384;

    private const string Dsa = "ssh-dss";

    private static readonly SearchValues<char> _base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private static readonly string[] _typecodes =
    [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", Dsa,
    ];

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out SshPublicKey? key,
        [NotNullWhen(false)] out string? errorCode,
        [NotNullWhen(false)] out string? message)
    {
        key = null;
        errorCode = KeyErrors.NotAKey;
        message = KeyErrors.Describe(KeyErrors.NotAKey);
        ArgumentNullException.ThrowIfNull(text);

        // Like The Bastion: line breaks are dropped, so a key pasted across lines still reads.
        text = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            errorCode = KeyErrors.PrivateKey;
            message = KeyErrors.Describe(KeyErrors.PrivateKey);
            return false;
        }

        if (text.Length > MaxLineLength || !TrySplit(text.AsSpan().Trim(), out var prefix, out var typecode, out var base64, out var comment))
        {
            return false;
        }

        var blob = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, blob, out var length))
        {
            return false;
        }

        blob = blob[..length];
        if (!TryReadBlob(typecode, blob, out var size, out var family))
        {
            return false;
        }

        if (typecode == Dsa)
        {
            errorCode = KeyErrors.ForbiddenAlgorithm;
            message = "DSA keys are obsolete and refused: please generate an Ed25519, ECDSA or RSA key.";
            return false;
        }

        key = new SshPublicKey
        {
            Prefix = prefix,
            Typecode = typecode,
            Base64 = base64,
            Comment = comment,
            Size = size,
            Fingerprint = Fingerprint(blob),
            Family = family,
        };
        errorCode = null;
        message = null;
        return true;
    }

    /// <summary><c>SHA256:</c> and the unpadded Base64 SHA-256 of a key blob.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> blob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    private static bool TrySplit(ReadOnlySpan<char> line, out string? prefix, out string typecode, out string base64, out string? comment)
    {
        prefix = null;
        typecode = "";
        base64 = "";
        comment = null;
        if (!IsTypecode(FirstToken(line)))
        {
            var length = AuthorizedKeyOptions.MeasurePrefix(line);
            if (length <= 0 || !AuthorizedKeyOptions.TryParse(line[..length].ToString(), out _))
            {
                return false;
            }

            prefix = line[..length].ToString();
            line = line[length..].TrimStart();
        }

        var type = FirstToken(line);
        if (!IsTypecode(type))
        {
            return false;
        }

        typecode = type.ToString();
        line = line[type.Length..].TrimStart();
        var data = FirstToken(line);
        if (data.IsEmpty || data.ContainsAnyExcept(_base64Chars))
        {
            return false;
        }

        base64 = data.ToString();
        var rest = line[data.Length..].Trim();
        if (rest.IsEmpty)
        {
            return true;
        }

        // The comment is shown in listings and logs: no control characters besides tabs.
        if (Encoding.UTF8.GetByteCount(rest) > MaxCommentBytes || rest.ContainsAnyInRange('\0', '\x08')
            || rest.ContainsAnyInRange('\x0a', '\x1f') || rest.Contains('\x7f'))
        {
            return false;
        }

        comment = rest.ToString();
        return true;
    }

    private static ReadOnlySpan<char> FirstToken(ReadOnlySpan<char> text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return text[..end];
    }

    private static bool IsTypecode(ReadOnlySpan<char> token)
    {
        foreach (var typecode in _typecodes)
        {
            if (token.SequenceEqual(typecode))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes the blob as OpenSSH does: the type inside must be the typecode, and nothing may follow the key.</summary>
    private static bool TryReadBlob(string typecode, byte[] blob, out int size, out string family)
    {
        size = 0;
        family = "";
        var reader = new SshWireReader(blob);
        if (!reader.TryReadString(out var type) || !type.SequenceEqual(Encoding.ASCII.GetBytes(typecode)))
        {
            return false;
        }

        bool valid;
        switch (typecode)
        {
            case "ssh-rsa":
                family = "RSA";
                valid = TryReadRsa(ref reader, out size);
                break;
            case "ssh-ed25519":
                family = "ED25519";
                size = 256;
                valid = reader.TryReadString(out var point) && point.Length == 32;
                break;
            case "sk-ssh-ed25519@openssh.com":
                family = "ED25519-SK";
                size = 256;
                valid = reader.TryReadString(out point) && point.Length == 32 && reader.TryReadString(out _);
                break;
            case "sk-ecdsa-sha2-nistp256@openssh.com":
                family = "ECDSA-SK";
                size = 256;
                valid = TryReadEcdsa(ref reader, "nistp256") && reader.TryReadString(out _);
                break;
            case Dsa:
                family = "DSA";
                size = 1024;
                valid = reader.TryReadPositiveMpint(out _) && reader.TryReadPositiveMpint(out _)
                    && reader.TryReadPositiveMpint(out _) && reader.TryReadPositiveMpint(out _);
                break;
            default:
                // ecdsa-sha2-nistpNNN
                family = "ECDSA";
                var curve = typecode["ecdsa-sha2-".Length..];
                size = curve switch
                {
                    "nistp256" => 256,
                    "nistp384" => 384,
                    _ => 521,
                };
                valid = TryReadEcdsa(ref reader, curve);
                break;
        }

        return valid && reader.AtEnd;
    }

    private static bool TryReadRsa(ref SshWireReader reader, out int bits)
    {
        bits = 0;
        if (!reader.TryReadPositiveMpint(out var exponent) || !reader.TryReadPositiveMpint(out var modulus)
            || exponent.IsEmpty || modulus.IsEmpty)
        {
            return false;
        }

        bits = ((modulus.Length - 1) * 8) + (8 - byte.LeadingZeroCount(modulus[0]));

        // A usable RSA key has an odd exponent above 1 and an odd modulus.
        var exponentValid = (exponent[^1] & 1) == 1 && !(exponent.Length == 1 && exponent[0] == 1);
        return exponentValid && (modulus[^1] & 1) == 1 && bits is >= MinRsaBits and <= MaxRsaBits;
    }

    /// <summary>The curve name inside must match the typecode's, and the point must be on that curve.</summary>
    private static bool TryReadEcdsa(ref SshWireReader reader, string curve)
    {
        if (!reader.TryReadString(out var name) || !name.SequenceEqual(Encoding.ASCII.GetBytes(curve))
            || !reader.TryReadString(out var point))
        {
            return false;
        }

        var (namedCurve, fieldSize) = curve switch
        {
            "nistp256" => (ECCurve.NamedCurves.nistP256, 32),
            "nistp384" => (ECCurve.NamedCurves.nistP384, 48),
            _ => (ECCurve.NamedCurves.nistP521, 66),
        };
        if (point.Length != 1 + (2 * fieldSize) || point[0] != 0x04)
        {
            return false;
        }

        try
        {
            // The import rejects a point that is not on the curve.
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = namedCurve,
                Q = new ECPoint { X = point.Slice(1, fieldSize).ToArray(), Y = point.Slice(1 + fieldSize, fieldSize).ToArray() },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
