using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Rampart.Core.Bastion.Mfa;

/// <summary>
/// Time-based one-time passwords (RFC 6238) as authenticator apps and google-authenticator make them: HMAC-SHA1, six
/// digits, 30-second steps. A code is accepted for the current step and one step either side (clock drift), and each
/// step only once: the caller keeps the last step used and passes it back.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>20 random bytes (160 bits), RFC 4226's recommended secret size.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(ReadOnlySpan<byte> secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its collision weakness does not apply to an HMAC.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step <paramref name="code"/> belongs to, if it is valid now and newer than <paramref name="lastUsedStep"/>.</summary>
    public static long? Verify(ReadOnlySpan<byte> secret, string code, DateTimeOffset now, long lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step > lastUsedStep && CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The <c>otpauth://</c> URI authenticator apps enrol from (as a QR code or pasted).</summary>
    public static string EnrolmentUri(string issuer, string account, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}"
        + $"&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
