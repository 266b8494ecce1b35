using System.Globalization;
using System.Numerics;

namespace Rampart.Bastion.Osh;

/// <summary>The few Perl value rules the reference's parsing leans on, written out once.</summary>
internal static class PerlText
{
    /// <summary>Perl's truth for a string: undefined, "" and "0" are false (so <c>--osh 0</c> names no plugin).</summary>
    public static bool IsTrue(string? value) => value is not (null or "" or "0");

    /// <summary>Perl's whitespace class <c>\s</c> on a byte string: ASCII only.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>
    /// <c>split(/ /, text)</c>: one field per single space, empty fields kept except the trailing ones.
    /// </summary>
    public static List<string> SplitOnSpace(string text)
    {
        var fields = text.Split(' ').ToList();
        while (fields.Count > 0 && fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        return fields;
    }

    /// <summary>
    /// How Perl prints a number made from an integer string: exact while it fits a 64-bit integer (signed or, when
    /// positive, unsigned), else a double with 15 significant digits (<c>1e+20</c>).
    /// </summary>
    public static string NumberText(BigInteger value)
    {
        if (value >= long.MinValue && value <= ulong.MaxValue)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        return ((double)value).ToString("G15", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    /// <summary>A number clamped into an int, for settings where anything that large means "as much as possible".</summary>
    public static int Saturate(BigInteger value) =>
        value > int.MaxValue ? int.MaxValue : value < int.MinValue ? int.MinValue : (int)value;
}
