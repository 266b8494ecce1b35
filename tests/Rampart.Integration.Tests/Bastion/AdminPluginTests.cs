namespace Rampart.Integration.Tests.Bastion;

/// <summary>The admin plugins' bad input: they are for admins only, and refuse contradictory or missing actions.</summary>
public sealed class AdminPluginTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

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
