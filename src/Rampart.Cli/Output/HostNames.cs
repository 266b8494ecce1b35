using System.Globalization;
using System.Text.RegularExpressions;

namespace Rampart.Cli.Output;

/// <summary>
/// Folds host names the way clush and pdsh print them: <c>web[01-03,07],db1</c>. Names ending in digits of the same
/// width and prefix become ranges; the rest are listed as they are.
/// </summary>
internal static partial class HostNames
{
    public static string Fold(IEnumerable<string> names)
    {
        var parts = new List<string>();
        var numbered = new SortedDictionary<(string Prefix, int Width), SortedSet<long>>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var match = Numbered().Match(name);
            if (match.Success && match.Groups["digits"].Length <= 18)
            {
                var key = (match.Groups["prefix"].Value, match.Groups["digits"].Length);
                if (!numbered.TryGetValue(key, out var set))
                {
                    numbered[key] = set = [];
                }

                set.Add(long.Parse(match.Groups["digits"].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                parts.Add(name);
            }
        }

        foreach (var ((prefix, width), numbers) in numbered)
        {
            string Number(long n) => n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            if (numbers.Count == 1)
            {
                parts.Add(prefix + Number(numbers.Min));
                continue;
            }

            var ranges = new List<string>();
            long? start = null, previous = null;
            foreach (var n in numbers.Append(long.MinValue))
            {
                if (start is not null && n == previous + 1)
                {
                    previous = n;
                    continue;
                }

                if (start is not null)
                {
                    ranges.Add(start == previous ? Number(start.Value) : $"{Number(start.Value)}-{Number(previous!.Value)}");
                }

                start = previous = n;
            }

            parts.Add($"{prefix}[{string.Join(',', ranges)}]");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    [GeneratedRegex(@"^(?<prefix>.*?)(?<digits>[0-9]+)$")]
    private static partial Regex Numbered();
}
