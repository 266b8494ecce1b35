using Rampart.Core.Inventory.Globs;

namespace Rampart.Core.Inventory;

/// <summary>
/// The glob rules of <c>connection/query</c> and <c>category/query</c>: XPipe's current rules, plus the friendly
/// rules that keep older clients and the documentation's examples working.
/// </summary>
public sealed class InventoryFilters(GlobCache globs)
{
    private static readonly string[] s_rootNames = ["all connections", "all scripts", "all identities", "all macros"];

    /// <summary>
    /// A category filter that does not start with a root name is also tried under <c>all connections/</c>
    /// (as XPipe ≤ 16 did), so <c>"default"</c> and <c>"*"</c> keep meaning what the examples say.
    /// </summary>
    public Func<string, bool> CategoryMatcher(string filter)
    {
        var raw = globs.Get(filter);
        if (raw.MatchesEverything || filter.StartsWith("**", StringComparison.Ordinal)
            || s_rootNames.Any(root => filter.StartsWith(root, StringComparison.OrdinalIgnoreCase)))
        {
            return raw.IsMatch;
        }

        var prefixed = globs.Get("all connections/" + filter);
        return path => raw.IsMatch(path) || prefixed.IsMatch(path);
    }

    public Glob ConnectionGlob(string filter) => globs.Get(filter);

    public Glob TypeGlob(string filter) => globs.Get(filter);
}
