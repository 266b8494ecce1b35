using System.Collections.Frozen;

namespace Rampart.Daemon.Api;

/// <summary>
/// The decision for every endpoint, in one table, on what an API key that belongs to a bastion account may do. A route
/// missing here is refused to such keys (a test checks that every mapped route is listed), so a new endpoint is
/// closed to them until someone decides.
/// </summary>
public static class ScopedKeyRules
{
    private static readonly FrozenDictionary<string, ScopedKeyRule> s_rules = new Dictionary<string, ScopedKeyRule>(StringComparer.OrdinalIgnoreCase)
    {
        ["/"] = ScopedKeyRule.Open,
        ["/openapi.yaml"] = ScopedKeyRule.Open,
        ["/handshake"] = ScopedKeyRule.Open,
        ["/daemon/version"] = ScopedKeyRule.Open,

        // Category names and ids, never hosts: clients need them to build filters.
        ["/category/query"] = ScopedKeyRule.Open,
        ["/category/info"] = ScopedKeyRule.Open,

        // Bytes parked for a later /fs/write or /fs/script, which are checked.
        ["/fs/blob"] = ScopedKeyRule.Open,

        ["/connection/query"] = ScopedKeyRule.Filtered,
        ["/store/query"] = ScopedKeyRule.Filtered,

        ["/connection/info"] = ScopedKeyRule.EachConnection,
        ["/store/info"] = ScopedKeyRule.EachConnection,
        ["/connection/refresh"] = ScopedKeyRule.EachConnection,
        ["/store/refresh"] = ScopedKeyRule.EachConnection,
        ["/connection/browse"] = ScopedKeyRule.EachConnection,
        ["/connection/terminal"] = ScopedKeyRule.EachConnection,
        ["/connection/toggle"] = ScopedKeyRule.EachConnection,
        ["/shell/start"] = ScopedKeyRule.EachConnection,
        ["/shell/exec"] = ScopedKeyRule.EachConnection,
        ["/shell/stop"] = ScopedKeyRule.EachConnection,
        ["/fs/read"] = ScopedKeyRule.EachConnection,
        ["/fs/write"] = ScopedKeyRule.EachConnection,
        ["/fs/script"] = ScopedKeyRule.EachConnection,
        ["/action"] = ScopedKeyRule.EachConnection,
        ["/fleet/exec"] = ScopedKeyRule.EachConnection,

        ["/fleet/job"] = ScopedKeyRule.OwnJobs,
        ["/fleet/stream"] = ScopedKeyRule.OwnJobs,
        ["/fleet/cancel"] = ScopedKeyRule.OwnJobs,

        ["/connection/add"] = ScopedKeyRule.InventoryEdit,
        ["/store/add"] = ScopedKeyRule.InventoryEdit,
        ["/connection/remove"] = ScopedKeyRule.InventoryEdit,
        ["/store/remove"] = ScopedKeyRule.InventoryEdit,
        ["/category/add"] = ScopedKeyRule.InventoryEdit,
        ["/category/remove"] = ScopedKeyRule.InventoryEdit,
        ["/connection/import"] = ScopedKeyRule.InventoryEdit,

        // Every host at once, and the vault's secrets: not for a key that may see only some hosts.
        ["/connection/export"] = ScopedKeyRule.InventoryEdit,
        ["/secret/encrypt"] = ScopedKeyRule.InventoryEdit,
        ["/secret/decrypt"] = ScopedKeyRule.InventoryEdit,

        ["/rampart/apikey/create"] = ScopedKeyRule.OwnerOnly,
        ["/rampart/apikey/list"] = ScopedKeyRule.OwnerOnly,
        ["/rampart/apikey/revoke"] = ScopedKeyRule.OwnerOnly,
        ["/rampart/audit/query"] = ScopedKeyRule.OwnerOnly,
        ["/rampart/audit/verify"] = ScopedKeyRule.OwnerOnly,
        ["/rampart/bastion/bootstrap-admin"] = ScopedKeyRule.OwnerOnly,
        ["/rampart/bastion/status"] = ScopedKeyRule.OwnerOnly,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every route with its rule, for the test that keeps this table and the mapped routes in step.</summary>
    public static IReadOnlyDictionary<string, ScopedKeyRule> All => s_rules;

    /// <summary>
    /// Why such a key may not call this endpoint at all, or null when the endpoint (or, for rules that need the
    /// request, the endpoint itself) lets it through. No endpoint (404) and the fallback are let through to answer 404.
    /// </summary>
    public static string? Refusal(Endpoint? endpoint)
    {
        if (endpoint is not RouteEndpoint { RoutePattern.RawText: { } pattern } || pattern.Contains("{*", StringComparison.Ordinal))
        {
            return null;
        }

        var path = pattern.StartsWith('/') ? pattern : "/" + pattern;
        return s_rules.TryGetValue(path, out var rule)
            ? rule switch
            {
                ScopedKeyRule.Open or ScopedKeyRule.Filtered or ScopedKeyRule.EachConnection or ScopedKeyRule.OwnJobs => null,
                ScopedKeyRule.InventoryEdit => $"API keys of bastion accounts use the inventory; they do not edit it, export it or handle its secrets ({path})",
                ScopedKeyRule.OwnerOnly => $"Only the local owner (local auth file) may call {path}",
                _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
            }
            : $"{path} is not open to API keys of bastion accounts";
    }
}
