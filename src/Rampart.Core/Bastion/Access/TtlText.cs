using System.Globalization;
using System.Text;

namespace Rampart.Core.Bastion.Access;

/// <summary>
/// TTLs as the bastion's options take them (<c>is_valid_ttl</c>): a number of seconds, or amounts with units
/// s m h d w y (y = 365 days) run together like <c>1d7h8m</c>; an amount without a unit counts seconds (<c>1d30</c>).
/// </summary>
public static class TtlText
{
    private static readonly long MaxSeconds = (long)TimeSpan.MaxValue.TotalSeconds;

    /// <summary>
    /// Parses a TTL. Unlike the reference, units are read whatever their case with their real meaning (the
    /// reference accepts "1D" but counts it as one second), and a doubled unit such as "5dh" is refused.
    /// </summary>
    public static bool TryParse(string text, out TimeSpan ttl)
    {
        ttl = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        long total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var digits = text.AsSpan(start, i - start);
            if (digits.IsEmpty
                || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            long unit = 1;
            if (i < text.Length)
            {
                unit = char.ToLowerInvariant(text[i]) switch
                {
                    's' => 1,
                    'm' => 60,
                    'h' => 3600,
                    'd' => 86400,
                    'w' => 7 * 86400,
                    'y' => 365 * 86400,
                    _ => 0,
                };
                if (unit == 0)
                {
                    return false;
                }

                i++;
            }

            if (amount > (MaxSeconds - total) / unit)
            {
                return false;
            }

            total += amount * unit;
        }

        ttl = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>
    /// The reference's <c>duration2human</c> text: <c>HH:MM:SS</c>, led by <c>Nd+</c> when a day or more
    /// (<c>1d+07:08:00</c>). Fractions of a second are dropped; a negative span gets a leading minus.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration == TimeSpan.MinValue ? TimeSpan.MaxValue : duration.Negate();
        }

        var seconds = (long)duration.TotalSeconds;
        var days = seconds / 86400;
        seconds -= days * 86400;
        var hours = seconds / 3600;
        seconds -= hours * 3600;
        var minutes = seconds / 60;
        seconds -= minutes * 60;

        if (days > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{days}d+");
        }

        builder.Append(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}");
        return builder.ToString();
    }
}
