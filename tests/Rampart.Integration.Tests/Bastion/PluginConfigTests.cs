using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// Per-plugin configuration, The Bastion's <c>/etc/bastion/plugin.NAME.conf</c>: here <c>plugin.NAME.conf</c> beside
/// <c>bastion.conf</c>, read at each call. A plugin can be disabled, made to ask for MFA first, and the personal
/// access plugins limited; a file that cannot be trusted refuses the plugin rather than being ignored.
/// </summary>
public sealed class PluginConfigTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    private async Task<string> ConfigureAsync(string plugin, string text)
    {
        var path = Gateway.Home.Combine("etc", $"plugin.{plugin}.conf");
        await File.WriteAllTextAsync(path, text, Ct);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    [Fact]
    public async Task ADisabledPluginIsRefusedToEveryone_InABatchToo_UntilTheFileSaysOtherwise()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var account = await Gateway.NewAccountAsync(Ct);
        var path = await ConfigureAsync("selfListEgressKeys", """
            # turned off while the keys are rotated
            "disabled": true
            """);

        var refused = (await Gateway.OshAsync(account, "selfListEgressKeys", Ct)).Is(106, "KO_PLUGIN_DISABLED");
        Assert.Equal($"Sorry {account.Name}, this plugin has been disabled by policy.", refused.Message());
        Assert.Null(refused.Json["command"]);
        (await Gateway.AdminOshAsync("selfListEgressKeys", Ct)).Is(106, "KO_PLUGIN_DISABLED");
        var batch = (await Gateway.OshAsync(account, "batch", Ct, stdin: "selfListEgressKeys\ninfo\n")).IsOk();
        Assert.Equal("KO_PLUGIN_DISABLED", batch.Value()![0]!["result"]!["error_code"]!.GetValue<string>());
        Assert.Equal("OK", batch.Value()![1]!["result"]!["error_code"]!.GetValue<string>());
        var sessions = (await Gateway.OshAsync(account, "selfListSessions --denied", Ct)).IsOk();
        Assert.Contains(sessions.Value()!.AsArray(), s => s!["plugin"]?.GetValue<string>() == "selfListEgressKeys" && s["returned"]!.GetValue<int>() == 106);

        // "no" written as a string is read as the administrator meant it.
        await File.WriteAllTextAsync(path, """{"disabled": "no"}""", Ct);
        (await Gateway.OshAsync(account, "selfListEgressKeys", Ct)).IsOk();
        File.Delete(path);
        (await Gateway.OshAsync(account, "selfListEgressKeys", Ct)).IsOk();
    }

    [Fact]
    public async Task AFileOthersMayChange_OrBrokenJson_RefusesThePlugin_AndTheAuditTrailSaysWhy()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var account = await Gateway.NewAccountAsync(Ct);
        var path = await ConfigureAsync("selfListIngressKeys", """{"disabled": false}""");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        try
        {
            var refused = (await Gateway.OshAsync(account, "selfListIngressKeys", Ct)).Is(106, "KO_PLUGIN_DISABLED");
            Assert.Equal($"Sorry {account.Name}, a configuration error prevents us to check whether this plugin is enabled, warn your sysadmin!",
                refused.Message());
            Assert.DoesNotContain(path, refused.Out + refused.Error, StringComparison.Ordinal);

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(path, """{"disabled": fals""", Ct);
            (await Gateway.OshAsync(account, "selfListIngressKeys", Ct)).Is(106, "KO_PLUGIN_DISABLED");

            var audit = await CliRunner.RunAsync(Gateway.Daemon, null, Ct, "audit", "search", "--actor", "bastion:" + account.Name, "-n", "50", "--json");
            Assert.True(audit.Code == 0, audit.ToString());
            var details = JsonNode.Parse(audit.Out)!["records"]!.AsArray()
                .Where(r => r!["outcome"]!.GetValue<string>() == "denied").Select(r => r!["detail"]!.GetValue<string>()).ToList();
            Assert.Contains(details, d => d == $"KO_PLUGIN_DISABLED: {path} is writable by others than its owner");
            Assert.Contains(details, d => d.StartsWith($"KO_PLUGIN_DISABLED: {path}: not valid JSON", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }

        (await Gateway.OshAsync(account, "selfListIngressKeys", Ct)).IsOk();
    }

    [Fact]
    public async Task MfaRequiredAsksTheFactorsFirst_AndAWrongValueRefusesRatherThanSkipsThem()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var account = await Gateway.NewAccountAsync(Ct);
        var path = await ConfigureAsync("info", """{"mfa_required": "password"}""");
        try
        {
            // The account has no MFA password: the plugin needs one, so it is refused with The Bastion's setup message.
            var refused = (await Gateway.OshAsync(account, "info", Ct)).Is(122, "KO_MFA_PASSWORD_SETUP_REQUIRED");
            Assert.Contains("please use the `--osh selfMFASetupPassword' option", refused.Message(), StringComparison.Ordinal);
            Assert.Contains("entering MFA phase", refused.Error, StringComparison.Ordinal);

            await File.WriteAllTextAsync(path, """{"mfa_required": "sometimes"}""", Ct);
            var wrong = (await Gateway.OshAsync(account, "info", Ct)).Is(125, "KO_MFA_PLUGIN_CONFIGURATION_FAILED");
            Assert.Equal("MFA configuration is incorrect for this plugin, report to your sysadmin!", wrong.Message());

            // Only when the account has a factor: none here, so the plugin runs.
            await File.WriteAllTextAsync(path, """{"mfa_required": "any-if-configured"}""", Ct);
            (await Gateway.OshAsync(account, "info", Ct)).IsOk();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ThePersonalAccessPluginsKeepTheAdministratorsLimits()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var account = await Gateway.NewAccountAsync(Ct);
        var path = await ConfigureAsync("accountAddPersonalAccess", """{ "widest_v4_prefix": 24, "self_remote_user_only": true }""");
        try
        {
            var otherUser = await Gateway.AdminOshAsync($"accountAddPersonalAccess --account {account.Name} --host 192.0.2.0/24 --user root --port 22", Ct);
            otherUser.Fails("ERR_INVALID_PARAMETER", "accountAddPersonalAccess");
            Assert.Equal($"This bastion policy forces the remote user of personal accesses to match\nthe account name: you may retry with --user {account.Name}",
                otherUser.Message());

            var wide = await Gateway.AdminOshAsync($"accountAddPersonalAccess --account {account.Name} --host 198.51.100.0/23 --user {account.Name} --port 22", Ct);
            Assert.Equal("Specified prefix length (/23) is too wide, maximum allowed for IPv4 is /24 by policy", wide.Fails("ERR_INVALID_PARAMETER").Message());

            (await Gateway.AdminOshAsync($"accountAddPersonalAccess --account {account.Name} --host 198.51.100.0/24 --user {account.Name} --port 22", Ct)).IsOk();
            (await Gateway.AdminOshAsync($"accountAddPersonalAccess --account {account.Name} --host 203.0.113.9 --user {account.Name} --port 22", Ct)).IsOk();
            // Removing is not limited.
            (await Gateway.AdminOshAsync($"accountDelPersonalAccess --account {account.Name} --host 198.51.100.0/24 --user {account.Name} --port 22", Ct)).IsOk();
        }
        finally
        {
            File.Delete(path);
        }

        (await Gateway.AdminOshAsync($"accountAddPersonalAccess --account {account.Name} --host 198.51.100.0/23 --user root --port 22", Ct)).IsOk();
    }
}
