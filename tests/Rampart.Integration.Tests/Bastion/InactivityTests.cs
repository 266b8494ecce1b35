namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// Accounts that go too long without a login are refused (The Bastion's <c>accountMaxInactiveDays</c>) until
/// <c>accountUnexpire</c>; the limit is the bastion's or the account's own (<c>accountModify --max-inactive-days</c>).
/// A login months ago is written into the daemon's database while it is stopped: a test cannot wait for it.
/// </summary>
public sealed class InactivityTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task AnAccountIdleForLongerThanItsLimitIsRefused_UntilUnexpired()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (dormant, dormantKey) = await Gateway.CreateAccountAsync(Ct);
        var (unlimited, unlimitedKey) = await Gateway.CreateAccountAsync(Ct);
        var modified = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {dormant} --max-inactive-days 30", Ct);
        Assert.Equal("OK", modified.Json["value"]!["max_inactive_days"]!["error_code"]!.GetValue<string>());
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {dormant} --max-inactive-days 30", Ct))
            .Json["value"]!["max_inactive_days"]!["error_code"]!.GetValue<string>());
        Assert.Equal(0, (await Gateway.SshAsync(dormant, dormantKey, "--osh info", null, Ct)).ExitCode);
        Assert.Equal(0, (await Gateway.SshAsync(unlimited, unlimitedKey, "--osh info", null, Ct)).ExitCode);

        // Both last logged in 90 days ago; only one has a limit (the bastion's own is 0, never).
        await Gateway.EditStoreAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE bastion_accounts SET document = json_set(document, '$.LastLogin', $when) WHERE name IN ($a, $b)";
            command.Parameters.AddWithValue("$when", TimeProvider.System.GetUtcNow().AddDays(-90).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$a", dormant);
            command.Parameters.AddWithValue("$b", unlimited);
            Assert.Equal(2, await command.ExecuteNonQueryAsync(Ct));
        }, Ct);

        // Refused before anything is parsed: a line and exit 113, no JSON, as the reference's login checks.
        var refused = await Gateway.SshAsync(dormant, dormantKey, "--json-greppable --osh info", null, Ct);
        Assert.True(refused.ExitCode == 113, refused.ToString());
        Assert.Contains("Sorry, but your account has expired (90 days), access denied by policy.", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON_OUTPUT", refused.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await Gateway.SshAsync(unlimited, unlimitedKey, "--osh info", null, Ct)).ExitCode);
        var audit = (await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {dormant}", Ct)).Json["value"]!;
        Assert.Equal((1, 0, 30), (audit["is_expired"]!.GetValue<int>(), audit["can_connect"]!.GetValue<int>(), audit["max_inactive_days"]!.GetValue<int>()));
        var listed = (await Gateway.AdminAsync($"--json-greppable --osh accountList --audit --account {dormant}", Ct)).Json["value"]![dormant]!;
        Assert.Equal((1, 90), (listed["is_expired"]!.GetValue<int>(), listed["expired_days"]!.GetValue<int>()));

        var unexpired = await Gateway.AdminAsync($"--json-greppable --osh accountUnexpire --account {dormant}", Ct);
        Assert.True(unexpired.Code == "OK", unexpired.ToString());
        Assert.Equal(90, unexpired.Json["value"]!["days"]!.GetValue<int>());
        Assert.Equal(0, (await Gateway.SshAsync(dormant, dormantKey, "--osh info", null, Ct)).ExitCode);
        Assert.Equal("OK_NOT_EXPIRED", (await Gateway.AdminAsync($"--json-greppable --osh accountUnexpire --account {dormant}", Ct)).Code);
        Assert.Equal("OK_EXPIRATION_NOT_CONFIGURED", (await Gateway.AdminAsync($"--json-greppable --osh accountUnexpire --account {unlimited}", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync("--json-greppable --osh accountUnexpire", Ct)).Code);
        Assert.Equal("KO_NOT_FOUND", (await Gateway.AdminAsync("--json-greppable --osh accountUnexpire --account rtbnosuchone", Ct)).Code);

        // An account may not unexpire itself without the grant.
        Assert.Equal(106, (await Gateway.SshAsync(dormant, dormantKey, $"--json-greppable --osh accountUnexpire --account {dormant}", null, Ct)).ExitCode);
    }
}
