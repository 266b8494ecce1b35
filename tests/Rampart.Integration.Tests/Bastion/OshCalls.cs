using System.Text.Json.Nodes;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>An account of the test bastion and the private key it logs in with.</summary>
public sealed record TestAccount(string Name, string Key);

/// <summary>
/// Short forms for the plugin tests: every call is <c>--json-greppable --osh PLUGIN …</c>, as The Bastion's own
/// functional tests make them, and every check names the exit status and the code together.
/// </summary>
public static class OshCalls
{
    public static async Task<TestAccount> NewAccountAsync(this BastionGateway gateway, CancellationToken cancellationToken)
    {
        var (name, key) = await gateway.CreateAccountAsync(cancellationToken);
        return new TestAccount(name, key);
    }

    public static async Task<SshResult> OshAsync(this BastionGateway gateway, TestAccount account, string command, CancellationToken cancellationToken, string? stdin = null) =>
        WithDaemonLog(gateway, await gateway.SshAsync(account.Name, account.Key, "--json-greppable --osh " + command, stdin, cancellationToken));

    public static async Task<SshResult> AdminOshAsync(this BastionGateway gateway, string command, CancellationToken cancellationToken, string? stdin = null) =>
        WithDaemonLog(gateway, await gateway.AdminAsync("--json-greppable --osh " + command, cancellationToken, stdin));

    /// <summary>A session the daemon dropped says why in the daemon's log: keep its end with the result.</summary>
    private static SshResult WithDaemonLog(BastionGateway gateway, SshResult result)
    {
        if (result.ExitCode != 255 || !result.Error.Contains("ended unexpectedly", StringComparison.Ordinal))
        {
            return result;
        }

        var log = gateway.Daemon.Log;
        return result with { Error = result.Error + "\n--- daemon log ---\n" + log[Math.Max(0, log.Length - 6000)..] };
    }

    /// <summary>Asserts the exit status and error code together, showing the whole answer when either differs.</summary>
    public static SshResult Is(this SshResult result, int exitCode, string code)
    {
        Assert.True(result.Out.Contains("JSON_OUTPUT=", StringComparison.Ordinal), result.ToString());
        Assert.True(result.ExitCode == exitCode && result.Code == code, $"expected exit {exitCode} {code}, got {result}");
        return result;
    }

    public static SshResult IsOk(this SshResult result) => result.Is(0, "OK");

    /// <summary>A plugin's refusal: exit 100 and the plugin's name in <c>command</c>.</summary>
    public static SshResult Fails(this SshResult result, string code, string? plugin = null)
    {
        result.Is(100, code);
        if (plugin is not null)
        {
            Assert.Equal(plugin, result.Json["command"]?.GetValue<string>());
        }

        return result;
    }

    /// <summary>The shell's refusal to run a plugin the caller may not run: exit 106, <c>command</c> and <c>value</c> null.</summary>
    public static SshResult IsRestricted(this SshResult result)
    {
        result.Is(106, "KO_RESTRICTED_COMMAND");
        Assert.Null(result.Json["command"]);
        Assert.Null(result.Json["value"]);
        return result;
    }

    public static JsonNode? Value(this SshResult result) => result.Json["value"];

    public static string Message(this SshResult result) => result.Json["error_message"]!.GetValue<string>();

    public static string[] Strings(this JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    public static string[] Keys(this JsonNode? obj) => [.. obj!.AsObject().Select(p => p.Key)];

    public static string? Text(this JsonNode? node, string property) =>
        node![property] is { } value ? value.GetValue<string>() : null;
}
