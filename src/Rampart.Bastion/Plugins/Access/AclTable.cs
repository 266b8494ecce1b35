using System.Globalization;
using System.Text.RegularExpressions;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// The human table of ACL listings (the reference's <c>print_acls</c>): one row per entry, '-' for empty cells.
/// <c>--include</c>/<c>--exclude</c> patterns apply to the rows, any cell matching; the JSON value is not filtered.
/// </summary>
public static class AclTable
{
    public static IReadOnlyList<string> Cells(AclEntry entry, string accessBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            entry.IpText,
            entry.Port?.ToString(CultureInfo.InvariantCulture) ?? "*",
            entry.User ?? "*",
            accessBy,
            entry.AddedBy,
            entry.AddedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entry.Expiry is { } expiry ? TtlText.Format(expiry - now) : "-",
            entry.Comment is { Length: > 0 } comment ? comment : "-",
            entry.ForceKey ?? "-",
            entry.ForcePassword ?? "-",
        ];
    }

    /// <summary>Exclusions win over inclusions; with no inclusion, every row not excluded is shown.</summary>
    public static bool Shows(IReadOnlyList<string> cells, IReadOnlyList<Regex> include, IReadOnlyList<Regex> exclude)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(exclude);
        return !cells.Any(c => exclude.Any(p => p.IsMatch(c)))
            && (include.Count == 0 || cells.Any(c => include.Any(p => p.IsMatch(c))));
    }

    /// <summary>Prints the rows the patterns let through, under a header.</summary>
    public static async Task PrintAsync(
        PluginCall call, IEnumerable<AclEntry> entries, string accessBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var include = call.Options.List("include").Select(NamePattern.Compile).ToList();
        var exclude = call.Options.List("exclude").Select(NamePattern.Compile).ToList();
        await call.SayAsync("IP PORT USER ACCESS-BY ADDED-BY ADDED-AT EXPIRY? COMMENT FORCED-KEY FORCED-PASSWORD", cancellationToken);
        foreach (var entry in entries)
        {
            var cells = Cells(entry, accessBy, call.Now);
            if (Shows(cells, include, exclude))
            {
                await call.SayAsync(string.Join(' ', cells), cancellationToken);
            }
        }
    }
}
