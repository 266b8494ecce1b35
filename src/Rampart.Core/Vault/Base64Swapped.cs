using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Rampart.Core.Vault;

/// <summary>
/// XPipe's "b64e": standard Base64 (padding kept) with '/' written as '-' and '+' as '_'. Decoding also accepts plain
/// standard Base64 (the two alphabets do not overlap), but not URL-safe Base64: it uses the same two characters the
/// other way round, and a string with two readings would let a changed character decode to the original bytes.
/// </summary>
public static class Base64Swapped
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        string.Create(
            ((bytes.Length + 2) / 3) * 4,
            bytes,
            static (chars, source) =>
            {
                if (!Convert.TryToBase64Chars(source, chars, out _))
                {
                    throw new InvalidOperationException("Base64 output size mismatch.");
                }

                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = chars[i] switch
                    {
                        '/' => '-',
                        '+' => '_',
                        var c => c,
                    };
                }
            });

    /// <summary>The preferred reading: b64e when '-' or '_' appear, otherwise standard Base64.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        var candidates = DecodeCandidates(text);
        bytes = candidates.Count > 0 ? candidates[0] : null;
        return bytes is not null;
    }

    /// <summary>
    /// The reading of <paramref name="text"/> as b64e or standard Base64 (padding optional, ASCII whitespace ignored):
    /// none when it is neither, otherwise exactly one.
    /// </summary>
    public static IReadOnlyList<byte[]> DecodeCandidates(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var hasStandard = text.AsSpan().ContainsAny('+', '/');
        var hasAlternative = text.AsSpan().ContainsAny('-', '_');
        if (hasStandard && hasAlternative)
        {
            // Mixing both alphabets is not any of the three encodings.
            return [];
        }

        if (!hasAlternative)
        {
            return TryDecode(text, '+', '/', out var standard) ? [standard] : [];
        }

        return TryDecode(text, '_', '-', out var swapped) ? [swapped] : [];
    }

    /// <summary>Decodes with <paramref name="plus"/> and <paramref name="slash"/> standing for '+' and '/'.</summary>
    private static bool TryDecode(string text, char plus, char slash, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + 2);
        try
        {
            var length = 0;
            foreach (var c in text)
            {
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    continue;
                }

                buffer[length++] = c == plus ? '+' : c == slash ? '/' : c;
            }

            // Restore padding that some encoders drop; a lone trailing character is never valid.
            switch (length % 4)
            {
                case 1:
                    return false;
                case 2 or 3 when buffer.AsSpan(0, length).Contains('='):
                    return false;
                case 2:
                    buffer[length++] = '=';
                    buffer[length++] = '=';
                    break;
                case 3:
                    buffer[length++] = '=';
                    break;
                default:
                    break;
            }

            var padding = length == 0 ? 0 : buffer[length - 1] != '=' ? 0 : buffer[length - 2] == '=' ? 2 : 1;
            var decoded = new byte[(length / 4 * 3) - padding];
            if (!Convert.TryFromBase64Chars(buffer.AsSpan(0, length), decoded, out var written))
            {
                return false;
            }

            bytes = written == decoded.Length ? decoded : decoded[..written];
            return true;
        }
        finally
        {
            // The pool outlives this call and callers may decode key material with it: leave nothing behind.
            ArrayPool<char>.Shared.Return(buffer, clearArray: true);
        }
    }
}
