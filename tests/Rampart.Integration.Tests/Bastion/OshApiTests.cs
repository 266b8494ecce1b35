namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The Bastion's JSON API through a real front door: <c>ssh ACCOUNT@bastion -- --json-greppable --osh …</c>, checked
/// against the reference's scenarios (§5.2): envelopes, error codes, exit codes and idempotency.
/// </summary>
public sealed class OshApiTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task ShellLevelAnswersFollowTheReference()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var noHost = await Gateway.AdminAsync("--json-greppable", Ct);
        Assert.Equal(112, noHost.ExitCode);
        Assert.Equal("KO_NO_HOST", noHost.Code);
        Assert.Null(noHost.Json["command"]);
        Assert.Null(noHost.Json["value"]);
        Assert.Contains("command specified and no host to connect to", noHost.Error + noHost.Out, StringComparison.Ordinal);

        var shortOsh = await Gateway.AdminAsync("--json-greppable -osh", Ct);
        Assert.Equal(0, shortOsh.ExitCode);
        Assert.Equal("help", shortOsh.Json["command"]!.GetValue<string>());
        Assert.Contains("OSH help", shortOsh.Out, StringComparison.Ordinal);

        var unknown = await Gateway.AdminAsync("--json-greppable --osh nonexistent", Ct);
        Assert.Equal(104, unknown.ExitCode);
        Assert.Equal("KO_UNKNOWN_COMMAND", unknown.Code);
        Assert.Null(unknown.Json["command"]);
    }

    [Fact]
    public async Task EveryJsonModeFramesTheEnvelopeExactly()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        const string Envelope = """{"command":null,"error_code":"KO_UNKNOWN_COMMAND","error_message":"Unknown command","value":null}""";
        var json = await Gateway.AdminAsync("--json --osh nonexistent", Ct);
        Assert.Equal($"\nJSON_START\n{Envelope}\nJSON_END\n", json.Out);
        var greppable = await Gateway.AdminAsync("--json-greppable --osh nonexistent", Ct);
        Assert.Equal($"\nJSON_OUTPUT={Envelope}\n", greppable.Out);
        var pretty = await Gateway.AdminAsync("--json-pretty --osh nonexistent", Ct);
        Assert.StartsWith("\nJSON_START\n{\n   \"command\" : null,\n", pretty.Out, StringComparison.Ordinal);
        Assert.EndsWith("}\n\nJSON_END\n", pretty.Out, StringComparison.Ordinal);
        var human = await Gateway.AdminAsync("--osh nonexistent", Ct);
        Assert.Equal(104, human.ExitCode);
        Assert.DoesNotContain("JSON", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsAreCreatedCheckedAndDeletedAsInTheReference()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (a1, a1Key) = await Gateway.CreateAccountAsync(Ct);

        var info = await Gateway.SshAsync(a1, a1Key, "--json-greppable --osh info", null, Ct);
        Assert.Equal(0, info.ExitCode);
        Assert.Equal(a1, info.Json["value"]!["account"]!.GetValue<string>());
        Assert.DoesNotContain("My admins are:", info.Out, StringComparison.Ordinal);
        var seen = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {a1}", Ct);
        Assert.Equal(1, seen.Json["value"]!["already_seen_before"]!.GetValue<int>());
        var adminInfo = await Gateway.AdminAsync("--json-greppable --osh info", Ct);
        Assert.Contains(Gateway.Admin, adminInfo.Json["value"]!["adminAccounts"]!.AsArray().Select(a => a!.GetValue<string>()));

        // Scenario 9: a plain account may not create accounts; the shell refuses with command null.
        var refused = await Gateway.SshAsync(a1, a1Key, "--json-greppable --osh accountCreate --account someone --uid-auto --no-key", null, Ct);
        Assert.Equal(106, refused.ExitCode);
        Assert.Equal("KO_RESTRICTED_COMMAND", refused.Code);
        Assert.Null(refused.Json["command"]);
        Assert.Contains("specifically granted", refused.Json["error_message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Scenarios 8 and 11: a second create is refused; a key-less account has no keys.
        var again = await Gateway.AdminAsync($"--json-greppable --osh accountCreate --account {a1} --uid-auto --no-key", Ct);
        Assert.Equal(100, again.ExitCode);
        Assert.Equal("KO_ALREADY_EXISTING", again.Code);
        var a2 = Gateway.NewAccountName();
        var created = await Gateway.AdminAsync($"--json-greppable --osh accountCreate --account {a2} --uid-auto --no-key", Ct);
        Assert.Equal(("OK", "accountCreate"), (created.Code, created.Json["command"]!.GetValue<string>()));
        Assert.Null(created.Json["value"]);
        var keys = await Gateway.AdminAsync($"--json-greppable --osh accountListIngressKeys --account {a2}", Ct);
        Assert.Equal(a2, keys.Json["value"]!["account"]!.GetValue<string>());
        Assert.Empty(keys.Json["value"]!["keys"]!.AsArray());

        // Scenarios 12 to 14: a wrong confirmation deletes nothing, the right one deletes, a second delete finds nothing.
        var drunk = await Gateway.AdminAsync($"--json-greppable --osh accountDelete --account {a2}", Ct, "foobar\n");
        Assert.Equal((100, "ERR_OPERATOR_IS_DRUNK"), (drunk.ExitCode, drunk.Code));
        var deleted = await Gateway.AdminAsync($"--json-greppable --osh accountDelete --account {a2}", Ct, $"Yes, do as I say and delete {a2}, kthxbye\n");
        Assert.Equal((0, "OK"), (deleted.ExitCode, deleted.Code));
        Assert.Equal(a2, deleted.Json["value"]!["account"]!.GetValue<string>());
        Assert.DoesNotContain(a2 + ":", await File.ReadAllTextAsync("/etc/passwd", Ct), StringComparison.Ordinal);
        var gone = await Gateway.AdminAsync($"--json-greppable --osh accountDelete --account {a2} --no-confirm", Ct);
        Assert.Equal((100, "KO_NOT_FOUND"), (gone.ExitCode, gone.Code));
        Assert.Equal($"Account '{a2}' doesn't exist", gone.Json["error_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupsAndRolesFollowTheReferenceScenarios()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (a1, _) = await Gateway.CreateAccountAsync(Ct);
        var (a2, a2Key) = await Gateway.CreateAccountAsync(Ct);
        var (a3, _) = await Gateway.CreateAccountAsync(Ct);
        var g1 = "tg1" + a1[3..];
        var g3 = "tg3" + a1[3..];

        Assert.Equal("KO_KEY_SIZE_TOO_SMALL", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {g1} --algo rsa --size 1024 --owner {a1}", Ct)).Code);
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group keytothegate --no-key --owner {a1}", Ct)).Code);
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group invalid --no-key --algo ed25519 --owner {a1}", Ct)).Code);

        var created = await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {g1} --algo ed25519 --owner {a1}", Ct);
        Assert.Equal("OK", created.Code);
        Assert.Equal(a1, created.Json["value"]!["owner"]!.GetValue<string>());
        Assert.Equal("ED25519", created.Json["value"]!["public_key"]!["family"]!.GetValue<string>());
        var twice = await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {g1} --algo ed25519 --owner {a1}", Ct);
        Assert.Equal((100, "KO_ALREADY_EXISTING"), (twice.ExitCode, twice.Code));

        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {g3} --no-key --owner {Gateway.Admin}", Ct)).Code);
        var groupInfo = await Gateway.AdminAsync($"--json-greppable --osh groupInfo --group {g3}", Ct);
        foreach (var role in new[] { "owners", "gatekeepers", "aclkeepers", "members" })
        {
            Assert.Equal([Gateway.Admin], groupInfo.Json["value"]![role]!.AsArray().Select(n => n!.GetValue<string>()));
        }

        Assert.Empty(groupInfo.Json["value"]!["guests"]!.AsArray());
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh groupDelOwner --group {g3} --account {a3}", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddOwner --group {g3} --account {a3}", Ct)).Code);
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh groupAddOwner --group {g3} --account {a3}", Ct)).Code);

        // Scenario 23: no role anywhere means the shell refuses; 24 to 26: a role elsewhere means the plugin refuses.
        var noRole = await Gateway.SshAsync(a2, a2Key, $"--json-greppable --osh groupAddMember --group {g1} --account {a3}", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (noRole.ExitCode, noRole.Code));
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddOwner --group {g3} --account {a2}", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddGatekeeper --group {g3} --account {a2}", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddAclkeeper --group {g3} --account {a2}", Ct)).Code);
        Assert.Equal("ERR_NOT_GROUP_OWNER", (await Gateway.SshAsync(a2, a2Key, $"--json-greppable --osh groupAddOwner --group {g1} --account {a3}", null, Ct)).Code);
        Assert.Equal("ERR_NOT_GROUP_GATEKEEPER", (await Gateway.SshAsync(a2, a2Key, $"--json-greppable --osh groupAddMember --group {g1} --account {a3}", null, Ct)).Code);
        Assert.Equal("ERR_NOT_GROUP_ACLKEEPER",
            (await Gateway.SshAsync(a2, a2Key, $"--json-greppable --osh groupAddServer --group {g1} --host 1.2.3.7 --port 15487 --user username", null, Ct)).Code);

        // Scenarios 27 to 29 on the group where a2 is aclkeeper.
        var added = await Gateway.SshAsync(a2, a2Key, $"--json-greppable --osh groupAddServer --group {g3} --host 127.0.0.1 --port 22 --user g1 --force", null, Ct);
        Assert.Equal("OK", added.Code);
        Assert.Equal("127.0.0.1", added.Json["value"]!["ip"]!.GetValue<string>());
        Assert.Equal(g3, added.Json["value"]!["group"]!.GetValue<string>());
        Assert.Equal(22, added.Json["value"]!["port"]!.GetValue<int>());
        Assert.Equal("g1", added.Json["value"]!["user"]!.GetValue<string>());
        var dup = await Gateway.SshAsync(a2, a2Key, $"--json-greppable --osh groupAddServer --group {g3} --host 127.0.0.1 --port 22 --user g1 --force", null, Ct);
        Assert.Equal("OK_NO_CHANGE", dup.Code);
        Assert.Null(dup.Json["value"]);
        var commented = await Gateway.SshAsync(a2, a2Key,
            $"--json-greppable --osh groupAddServer --group {g3} --host 127.0.0.2 --port 22 --user g1 --force --comment \"this is a comment\"", null, Ct);
        Assert.Equal("this is a comment", commented.Json["value"]!["comment"]!.GetValue<string>());

        var servers = await Gateway.AdminAsync($"--json-greppable --osh groupListServers --group {g3}", Ct);
        Assert.Equal(["127.0.0.1", "127.0.0.2"], servers.Json["value"]!.AsArray().Select(e => e!["ip"]!.GetValue<string>()).Order());
        Assert.Equal("22", servers.Json["value"]![0]!["port"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoginRefusalsPrintNoJson()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountFreeze --account {account} --reason holidays", Ct)).Code);
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh accountFreeze --account {account}", Ct)).Code);
        var frozen = await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct);
        Assert.Equal(131, frozen.ExitCode);
        Assert.DoesNotContain("JSON", frozen.Out, StringComparison.Ordinal);
        Assert.Contains("frozen", frozen.Error, StringComparison.Ordinal);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountUnfreeze --account {account}", Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct)).ExitCode);

        // An unknown account never gets past sshd.
        Assert.Equal(255, (await Gateway.SshAsync("rtbnobody", key, "--json-greppable --osh info", null, Ct)).ExitCode);
    }

    [Fact]
    public async Task BatchRunsEachLineAndReturnsEveryResult()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var batch = await Gateway.AdminAsync("--json-greppable --osh batch", Ct, "info\nnonexistent\ngroupList --json\nexit\ninfo\n");
        Assert.Equal(0, batch.ExitCode);
        var results = batch.Json["value"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal("OK", results[0]!["result"]!["error_code"]!.GetValue<string>());
        Assert.Equal("KO_UNKNOWN_COMMAND", results[1]!["result"]!["error_code"]!.GetValue<string>());
        Assert.Equal("groupList --json", results[2]!["command"]!.GetValue<string>());
    }
}
