using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Inventory;

namespace Rampart.Core.Access;

/// <summary>
/// The ssh logins a connection makes, the target first and then each gateway, read from its store data as the shell
/// layer reads it: <c>host</c>; <c>port</c>, else 22; <c>user</c>, else the identity's <c>username</c>, else the login
/// name ssh itself falls back to (the daemon's user); <c>gateway</c> or <c>proxy</c>, where the local machine means a
/// direct connection. Only plain <c>ssh</c> connections, and gateways that are, have a route: what runs on the gateway
/// machine (the local machine, nested shells, <c>sshConfigHost</c> entries and their config files) has none, and
/// neither has a connection whose extra options could send ssh elsewhere than its fields say.
/// </summary>
public static class SshRoute
{
    /// <summary>As the shell layer: a longer chain is almost surely a loop.</summary>
    public const int MaxHops = 8;

    /// <summary>ssh options that change where a login goes or as whom: with them, host, port and user would not tell.</summary>
    private static readonly HashSet<string> s_redirecting = new(StringComparer.OrdinalIgnoreCase)
    {
        "HostName", "Port", "User", "ProxyJump", "ProxyCommand", "CanonicalizeHostname", "CanonicalDomains",
        "CanonicalizePermittedCNAMEs", "CanonicalizeFallbackLocal", "CanonicalizeMaxDots",
    };

    /// <param name="refusal">Why there is no route; it names no host, port or user, so it may be shown to anyone.</param>
    public static bool TryRead(Entry entry, Func<Guid, Entry?> find, string defaultUser, out IReadOnlyList<SshHop> hops, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(find);
        var found = new List<SshHop>();
        hops = found;
        refusal = "";
        var seen = new HashSet<Guid>();
        var current = entry;
        while (true)
        {
            if (current.Type != "ssh")
            {
                refusal = found.Count == 0 ? "not an ssh connection" : "its gateway is not an ssh connection";
                return false;
            }

            if (!seen.Add(current.Id) || seen.Count > MaxHops)
            {
                refusal = $"its gateways form a loop or a chain longer than {MaxHops} hops";
                return false;
            }

            try
            {
                var data = JsonNode.Parse(current.RawData) as JsonObject ?? throw new FormatException("not an object");
                if (Redirecting(data["additionalOptions"]) is { } option)
                {
                    refusal = $"its ssh options set {option}";
                    return false;
                }

                var gateway = StoreReference.Read(data["gateway"]) ?? StoreReference.Read(data["proxy"]);
                var direct = gateway is null || gateway == WellKnownIds.LocalMachine;
                var host = StoreJson.Text(data["host"]) ?? "";
                if (!HostText.TryAddress(host, out _) && (!direct || !HostText.IsName(host)))
                {
                    // Through a gateway, its server resolves the host: this machine's answer would prove nothing.
                    refusal = direct ? "its host is neither an IP address nor a host name" : "a host it reaches through a gateway is not an IP address";
                    return false;
                }

                var port = data["port"] is JsonValue value && value.TryGetValue<int>(out var number) ? number : 22;
                if (!TryUser(data, find, out var user))
                {
                    refusal = "its identity no longer exists";
                    return false;
                }

                found.Add(new SshHop(host, port, user ?? defaultUser, !direct));
                if (direct)
                {
                    return true;
                }

                if (find(gateway!.Value) is not { } next)
                {
                    refusal = "its gateway no longer exists";
                    return false;
                }

                current = next;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                refusal = "its store data cannot be read";
                return false;
            }
        }
    }

    /// <summary><c>user</c>, else the identity's <c>username</c> (in place or a referenced identity entry).</summary>
    private static bool TryUser(JsonObject data, Func<Guid, Entry?> find, out string? user)
    {
        user = StoreJson.Text(data["user"]);
        if (user is not null || data["identity"] is not JsonObject identity)
        {
            return true;
        }

        switch (StoreJson.Text(identity["type"]))
        {
            case "inPlace":
                user = StoreJson.Text(identity["identityStore"]?["username"]);
                return true;
            case "ref":
                if (StoreReference.Read(identity["ref"]) is not { } id || find(id) is not { } referenced)
                {
                    return false;
                }

                user = StoreJson.Text(JsonNode.Parse(referenced.RawData)?["username"]);
                return true;
            default:
                return true;
        }
    }

    private static string? Redirecting(JsonNode? options) => options switch
    {
        JsonObject map => map.Select(p => p.Key).FirstOrDefault(s_redirecting.Contains),
        JsonArray list => list.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? OptionName(v.GetValue<string>()) : "")
            .FirstOrDefault(s_redirecting.Contains),
        JsonValue single when single.GetValueKind() == JsonValueKind.String => OptionName(single.GetValue<string>()) is var name && s_redirecting.Contains(name) ? name : null,
        _ => null,
    };

    private static string OptionName(string option)
    {
        var trimmed = option.TrimStart();
        var end = trimmed.IndexOfAny(['=', ' ', '\t']);
        return end < 0 ? trimmed : trimmed[..end];
    }
}
