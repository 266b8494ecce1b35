using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using Rampart.Bastion.Dispatch;

namespace Rampart.Bastion.Egress;

/// <summary>
/// What the server is told about who came through the bastion, as The Bastion does: <c>LC_BASTION</c> (the account)
/// and <c>LC_BASTION_DETAILS</c> (a JSON array whose one element describes this hop: <c>from</c>, <c>via</c>,
/// <c>to</c>, <c>account</c>, <c>uniqid</c>, <c>version</c>, <c>mfa</c>, <c>piv</c>). ssh sends them with
/// <c>SendEnv</c>; a server that accepts <c>LC_*</c> (Debian's default sshd_config does) sees them, e.g. to log who
/// is behind a shared remote user. The client's own <c>LANG</c> and <c>LC_*</c> go along too (The Bastion's
/// <c>SendEnv LANG LC_*</c>), so remote programs speak the account's language and character set; the daemon's own
/// never do.
/// </summary>
internal static partial class EgressEnvironment
{
    /// <summary>The <c>SendEnv</c> patterns: the client's locale and the two bastion variables.</summary>
    public static IReadOnlyList<string> SendEnvPatterns { get; } = ["LANG", "LC_*"];

    /// <summary>A reverse lookup that takes longer is left out (the address stands for the name), as a slow resolver
    /// must not hold up the session.</summary>
    private static readonly TimeSpan s_lookupLimit = TimeSpan.FromMilliseconds(500);

    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(
        OshCaller caller, IReadOnlyDictionary<string, string> clientLocale, EgressConnection connection, string bastionName, string sessionId,
        bool mfaValidated, CancellationToken cancellationToken)
    {
        var account = caller.Account;
        var fromName = NameOfAsync(caller.SourceIp, cancellationToken);
        var viaName = NameOfAsync(caller.BastionIp, cancellationToken);
        // The host as typed, or the name of an address typed as such (osh.pl's ip2host of the host given).
        var toName = IPAddress.TryParse(connection.Host, out _) ? NameOfAsync(connection.Host, cancellationToken) : Task.FromResult<string?>(connection.Host);
        var hop = new JsonObject
        {
            ["from"] = new JsonObject { ["addr"] = caller.SourceIp, ["host"] = await fromName ?? caller.SourceIp, ["port"] = caller.SourcePort },
            ["via"] = new JsonObject
            {
                ["addr"] = caller.BastionIp, ["host"] = await viaName ?? caller.BastionIp, ["port"] = caller.BastionPort, ["name"] = bastionName,
            },
            ["to"] = new JsonObject
            {
                ["addr"] = connection.Address.ToString(), ["host"] = await toName ?? connection.Host, ["port"] = connection.Port, ["user"] = connection.User,
            },
            ["account"] = account.Name,
            ["uniqid"] = sessionId,
            ["version"] = Version,
            ["mfa"] = new JsonObject
            {
                ["validated"] = mfaValidated,
                ["type"] = new JsonObject { ["password"] = mfaValidated && account.MfaState.PasswordConfigured, ["totp"] = mfaValidated && account.MfaState.TotpConfigured },
            },
            ["piv"] = new JsonObject { ["enforced"] = false },
        };
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in clientLocale)
        {
            if (IsLocale(name, value))
            {
                variables[name] = value;
            }
        }

        // Set last: an account cannot pass off its own LC_BASTION values as the bastion's.
        variables["LC_BASTION"] = account.Name;
        variables["LC_BASTION_DETAILS"] = new JsonArray(hop).ToJsonString();
        return variables;
    }

    /// <summary>
    /// Gives an egress ssh its environment: the daemon's own <c>LANG</c> and <c>LC_*</c> removed (ssh would send them
    /// as the client's), then <paramref name="environment"/> (the session's variables, an askpass program's).
    /// </summary>
    public static void Apply(System.Diagnostics.ProcessStartInfo start, IReadOnlyDictionary<string, string>? environment)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var inherited in start.Environment.Keys.Where(n => n == "LANG" || n.StartsWith("LC_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
    }

    /// <summary>
    /// A locale setting as programs read it (<c>en_US.UTF-8</c>, <c>fr_FR@euro</c>, <c>C</c>): the client's values are
    /// passed on only when they look like one, so nothing else travels to the servers under that name.
    /// </summary>
    private static bool IsLocale(string name, string value) =>
        LocaleName().IsMatch(name) && !name.StartsWith("LC_BASTION", StringComparison.Ordinal) && LocaleValue().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex("^(LANG|LC_[A-Z]{1,32})$")]
    private static partial System.Text.RegularExpressions.Regex LocaleName();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.@=-]{0,64}$")]
    private static partial System.Text.RegularExpressions.Regex LocaleValue();

    private static string Version { get; } =
        typeof(EgressEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>The address's name from the system resolver (hosts file, DNS), or null.</summary>
    private static async Task<string?> NameOfAsync(string? address, CancellationToken cancellationToken)
    {
        if (address is null || !IPAddress.TryParse(address, out var ip))
        {
            return null;
        }

        try
        {
            var entry = await Dns.GetHostEntryAsync(ip.ToString(), cancellationToken).WaitAsync(s_lookupLimit, cancellationToken);
            return entry.HostName is { Length: > 0 } name && name != address ? name : null;
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ArgumentException)
        {
            return null;
        }
    }
}
