using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>The admin plugins' bad input: they are for admins only, and refuse contradictory or missing actions.</summary>
public sealed class AdminPluginTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task AdminSudoRunsAPluginAsAnotherAccount_WithThatAccountsGrants_AndOnlyForAdmins()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var run = await Gateway.AdminAsync($"--json-greppable --osh adminSudo -- --sudo-as {account} --sudo-cmd selfListIngressKeys", Ct);
        Assert.True(run.Code == "OK", run.ToString());
        Assert.Contains($"ADMIN SUDO: {Gateway.Admin}, you'll now impersonate {account}, this has been logged.", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.Json["value"]!["sysret"]!.GetValue<int>());
        // The inner run is the account's own: it lists that account's key.
        var fingerprint = (await ProcessRun.RunAsync(ProcessRun.Start("ssh-keygen", ["-l", "-f", key + ".pub"]), null, Ct)).Output.Split(' ')[1];
        Assert.Contains(run.Json["value"]!["stdout"]!.AsArray(), l => l!.GetValue<string>().Contains(fingerprint, StringComparison.Ordinal));

        // The plugin's own options follow the second "--".
        var options = await Gateway.AdminAsync($"--json-greppable --osh adminSudo -- --sudo-as {account} --sudo-cmd selfPlaySession -- --id nosuchsession", Ct);
        Assert.Equal(100, options.Json["value"]!["sysret"]!.GetValue<int>());
        Assert.Contains("No recorded session with id nosuchsession", options.Error, StringComparison.Ordinal);

        // The run is logged as the account's; a plugin it may not run is refused; only admins may do it.
        var sessions = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListSessions", null, Ct);
        Assert.Contains(sessions.Json["value"]!.AsArray(), r => r!["plugin"]?.GetValue<string>() == "selfListIngressKeys");
        Assert.Equal("KO_RESTRICTED_COMMAND", (await Gateway.AdminAsync($"--json-greppable --osh adminSudo -- --sudo-as {account} --sudo-cmd accountList", Ct)).Code);
        Assert.Equal("KO_UNKNOWN_COMMAND", (await Gateway.AdminAsync($"--json-greppable --osh adminSudo -- --sudo-as {account} --sudo-cmd nosuchplugin", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh adminSudo -- --sudo-as {account}", Ct)).Code);
        Assert.Equal("KO_NOT_FOUND", (await Gateway.AdminAsync("--json-greppable --osh adminSudo -- --sudo-as rtbnosuchone --sudo-cmd info", Ct)).Code);
        var notAdmin = await Gateway.SshAsync(account, key, $"--json-greppable --osh adminSudo -- --sudo-as {Gateway.Admin} --sudo-cmd info", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (notAdmin.ExitCode, notAdmin.Code));
    }

    [Fact]
    public async Task AdminMaintenanceNeedsExactlyOneOfLockAndUnlock()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var both = await Gateway.AdminAsync("--json-greppable --osh adminMaintenance --lock --unlock", Ct);
        Assert.Equal((100, "ERR_INCOMPATIBLE_PARAMETERS", "adminMaintenance"), (both.ExitCode, both.Code, both.Json["command"]!.GetValue<string>()));
        var neither = await Gateway.AdminAsync("--json-greppable --osh adminMaintenance --message 'why not'", Ct);
        Assert.Equal((100, "ERR_MISSING_PARAMETER"), (neither.ExitCode, neither.Code));
        Assert.Equal("ERR_BAD_OPTIONS", (await Gateway.AdminAsync("--json-greppable --osh adminMaintenance --lock --reason x", Ct)).Code);

        // Nothing was locked by those, so unlocking has nothing to do.
        var unlock = await Gateway.AdminAsync("--json-greppable --osh adminMaintenance --unlock", Ct);
        Assert.Equal((0, "OK_NO_CHANGE"), (unlock.ExitCode, unlock.Code));
        Assert.Null(unlock.Json["value"]);
    }

    [Fact]
    public async Task AdminPluginsAreRefusedToEveryoneElse_EvenWithEveryGrant()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        foreach (var command in new[] { "auditor", "accountCreate", "accountModify" })
        {
            Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {account} --command {command}", Ct)).Code);
        }

        foreach (var options in new[] { "--lock", "--unlock", "--lock --unlock", "" })
        {
            var refused = await Gateway.SshAsync(account, key, $"--json-greppable --osh adminMaintenance {options}", null, Ct);
            Assert.True((refused.ExitCode, refused.Code) == (106, "KO_RESTRICTED_COMMAND"), options + ": " + refused);
            Assert.Null(refused.Json["command"]);
            Assert.Contains("only available to bastion admins", refused.Json["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // The refused lock did not lock: the account still logs in.
        Assert.Equal(0, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct)).ExitCode);
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {account} --command adminMaintenance", Ct)).Code);
    }
}
