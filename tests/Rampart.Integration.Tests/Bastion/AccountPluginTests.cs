namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The restricted account plugins through a real front door, good and bad input alike: value shapes of the reference
/// (§4.2), its error codes, idempotent repeats answering <c>OK_NO_CHANGE</c>, and grants that really open and close
/// the door to a command.
/// </summary>
public sealed class AccountPluginTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task AccountListIsKeyedByName_IncludeMeansContains_AndNoMatchIsStillOk()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (a1, _) = await Gateway.CreateAccountAsync(Ct);
        var (a2, _) = await Gateway.CreateAccountAsync(Ct);

        var one = await Gateway.AdminAsync($"--json-greppable --osh accountList --account {a1}", Ct);
        Assert.Equal((0, "OK", "accountList"), (one.ExitCode, one.Code, one.Json["command"]!.GetValue<string>()));
        var entry = Assert.Single(one.Json["value"]!.AsObject());
        Assert.Equal(a1, entry.Key);
        Assert.Equal(a1, entry.Value!["name"]!.GetValue<string>());
        Assert.True(entry.Value["uid"]!.GetValue<int>() >= 2000);
        Assert.Equal(1, entry.Value["is_active"]!.GetValue<int>());
        Assert.Equal(Gateway.Admin, entry.Value["created_by"]!.GetValue<string>());
        Assert.Null(entry.Value["is_frozen"]);

        // A pattern without wildcards matches names containing it; --exclude wins over --include.
        var contains = await Gateway.AdminAsync($"--json-greppable --osh accountList --include {a1[3..]}", Ct);
        Assert.Equal([a1], contains.Json["value"]!.AsObject().Select(p => p.Key));
        var globbed = await Gateway.AdminAsync($"--json-greppable --osh accountList --include 'rtb*' --exclude {a2}", Ct);
        Assert.Contains(a1, globbed.Json["value"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain(a2, globbed.Json["value"]!.AsObject().Select(p => p.Key));

        // accountList never answers OK_EMPTY: nothing found is an empty object.
        foreach (var filter in new[] { "--account rtbnosuchone", "--inactive-only", "--include zzzzzz" })
        {
            var none = await Gateway.AdminAsync($"--json-greppable --osh accountList {filter}", Ct);
            Assert.True(none.Code == "OK", filter + ": " + none);
            Assert.Empty(none.Json["value"]!.AsObject());
        }

        var realm = await Gateway.AdminAsync("--json-greppable --osh accountList --realm-only", Ct);
        Assert.Equal((100, "ERR_INVALID_PARAMETER"), (realm.ExitCode, realm.Code));
        var bogus = await Gateway.AdminAsync("--json-greppable --osh accountList --bogus-option", Ct);
        Assert.Equal((100, "ERR_BAD_OPTIONS", "accountList"), (bogus.ExitCode, bogus.Code, bogus.Json["command"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AccountListAuditAddsStateForAuditors_AndIsRefusedToOthers()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (lister, listerKey) = await Gateway.CreateAccountAsync(Ct);
        var (frozen, _) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountFreeze --account {frozen} --reason audit-test", Ct)).Code);

        var audit = await Gateway.AdminAsync($"--json-greppable --osh accountList --audit --include {frozen}", Ct);
        Assert.Equal("OK", audit.Code);
        var entry = audit.Json["value"]![frozen]!;
        Assert.Equal(1, entry["is_frozen"]!.GetValue<int>());
        Assert.Equal("audit-test", entry["freeze_info"]!["reason"]!.GetValue<string>());
        Assert.Equal(Gateway.Admin, entry["freeze_info"]!["by"]!.GetValue<string>());
        Assert.Equal(0, entry["can_connect"]!.GetValue<int>());
        Assert.Equal(0, entry["is_ttl_expired"]!.GetValue<int>());

        // Not granted at all: the shell refuses; granted but no auditor: the plugin refuses --audit only.
        var refused = await Gateway.SshAsync(lister, listerKey, "--json-greppable --osh accountList", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (refused.ExitCode, refused.Code));
        Assert.Null(refused.Json["command"]);
        await GrantAsync(lister, "accountList");
        var plain = await Gateway.SshAsync(lister, listerKey, $"--json-greppable --osh accountList --account {frozen}", null, Ct);
        Assert.Equal("OK", plain.Code);
        Assert.Null(plain.Json["value"]![frozen]!["is_frozen"]);
        var notAuditor = await Gateway.SshAsync(lister, listerKey, "--json-greppable --osh accountList --audit", null, Ct);
        Assert.Equal((100, "ERR_PERMISSION_DENIED"), (notAuditor.ExitCode, notAuditor.Code));
    }

    [Fact]
    public async Task AccountInfoGivesNonAuditorsTheShortShape_AndAuditorsTheDetails()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (reader, readerKey) = await Gateway.CreateAccountAsync(Ct);
        var (target, _) = await Gateway.CreateAccountAsync(Ct);
        await GrantAsync(reader, "accountInfo");
        await GrantAsync(target, "accountList");
        var group = "ai" + target[3..];
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {group} --no-key --owner {target}", Ct)).Code);

        // Without --with-groups the groups object is there but empty; the non-auditor shape has exactly these keys.
        var brief = await Gateway.SshAsync(reader, readerKey, $"--json-greppable --osh accountInfo --account {target}", null, Ct);
        Assert.Equal((0, "OK"), (brief.ExitCode, brief.Code));
        var value = brief.Json["value"]!.AsObject();
        Assert.Equal(["account", "allowed_commands", "always_active", "groups", "is_active"], value.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(target, value["account"]!.GetValue<string>());
        Assert.Equal(["accountList"], value["allowed_commands"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Empty(value["groups"]!.AsObject());
        Assert.Equal(0, value["always_active"]!.GetValue<int>());
        Assert.Equal(1, value["is_active"]!.GetValue<int>());

        var withGroups = await Gateway.SshAsync(reader, readerKey, $"--json-greppable --osh accountInfo --account {target} --with-groups", null, Ct);
        var flags = withGroups.Json["value"]!["groups"]![group]!;
        Assert.Equal(group, flags["name"]!.GetValue<string>());
        Assert.Equal(["aclkeeper", "gatekeeper", "member", "owner"], flags["flags"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal));
        var without = await Gateway.SshAsync(reader, readerKey, $"--json-greppable --osh accountInfo --account {target} --list-groups --without-groups", null, Ct);
        Assert.True(without.Code == "OK", without.ToString());
        Assert.Empty(without.Json["value"]!["groups"]!.AsObject());
        var everything = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {target} --with-everything", Ct);
        Assert.Equal(group, everything.Json["value"]!["groups"]![group]!["name"]!.GetValue<string>());
        var allButGroups = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {target} --with-everything --without-groups", Ct);
        Assert.Empty(allButGroups.Json["value"]!["groups"]!.AsObject());

        // Auditor-only options, and the combinations the reference refuses.
        Assert.Equal("ERR_ACCESS_DENIED", (await Gateway.SshAsync(reader, readerKey, "--json-greppable --osh accountInfo --all", null, Ct)).Code);
        Assert.Equal("ERR_ACCESS_DENIED",
            (await Gateway.SshAsync(reader, readerKey, $"--json-greppable --osh accountInfo --account {target} --with-everything", null, Ct)).Code);
        Assert.Equal("ERR_ACCESS_DENIED",
            (await Gateway.SshAsync(reader, readerKey, $"--json-greppable --osh accountInfo --account {target} --with-egress-keys", null, Ct)).Code);
        Assert.Equal("ERR_INCOMPATIBLE_PARAMETERS", (await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {target} --all", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync("--json-greppable --osh accountInfo", Ct)).Code);
        var unknown = await Gateway.AdminAsync("--json-greppable --osh accountInfo --account rtbnosuchone", Ct);
        Assert.Equal((100, "KO_NOT_FOUND"), (unknown.ExitCode, unknown.Code));
        Assert.Equal("Account 'rtbnosuchone' doesn't exist", unknown.Json["error_message"]!.GetValue<string>());

        // An auditor (the admin holds the grant) sees the account's state and policies, and can dump every account.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountFreeze --account {target} --reason checking", Ct)).Code);
        var detailed = (await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {target}", Ct)).Json["value"]!;
        Assert.Equal(1, detailed["is_frozen"]!.GetValue<int>());
        Assert.Equal("checking", detailed["freeze_info"]!["reason"]!.GetValue<string>());
        Assert.Equal(0, detailed["can_connect"]!.GetValue<int>());
        Assert.Equal((0, 0), (detailed["is_ttl_set"]!.GetValue<int>(), detailed["is_ttl_expired"]!.GetValue<int>()));
        Assert.Equal(0, detailed["already_seen_before"]!.GetValue<int>());
        Assert.Equal(Gateway.Admin, detailed["creation_information"]!["by"]!.GetValue<string>());
        Assert.Equal("default", detailed["account_egress_ssh_config"]!["type"]!.GetValue<string>());
        Assert.Equal("none", detailed["personal_egress_mfa_required"]!.GetValue<string>());
        foreach (var zero in new[] { "mfa_password_required", "mfa_totp_required", "pam_auth_bypass", "pubkey_auth_optional", "idle_ignore", "osh_only" })
        {
            Assert.True(detailed[zero]?.GetValue<int>() == 0, zero);
        }

        Assert.Null(detailed["max_inactive_days"]);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountUnfreeze --account {target}", Ct)).Code);
        var unfrozen = (await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {target}", Ct)).Json["value"]!.AsObject();
        Assert.Equal(0, unfrozen["is_frozen"]!.GetValue<int>());
        Assert.False(unfrozen.ContainsKey("freeze_info"));
        var all = await Gateway.AdminAsync("--json-greppable --osh accountInfo --all", Ct);
        Assert.Equal(target, all.Json["value"]![target]!["account"]!.GetValue<string>());
        Assert.Equal(1, all.Json["value"]![Gateway.Admin]!["is_admin"]!.GetValue<int>());
    }

    [Fact]
    public async Task AccountModifyAnswersEachOptionOnItsOwn_AndRefusesBadValues()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, _) = await Gateway.CreateAccountAsync(Ct);

        var changed = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --always-active yes --osh-only yes", Ct);
        Assert.Equal((0, "OK"), (changed.ExitCode, changed.Code));
        Assert.Equal("OK", changed.Json["value"]!["always_active"]!["error_code"]!.GetValue<string>());
        Assert.Equal("OK", changed.Json["value"]!["osh_only"]!["error_code"]!.GetValue<string>());
        var again = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --always-active yes --osh-only no", Ct);
        Assert.Equal("OK", again.Code);
        Assert.Equal("OK_NO_CHANGE", again.Json["value"]!["always_active"]!["error_code"]!.GetValue<string>());
        Assert.Equal("OK", again.Json["value"]!["osh_only"]!["error_code"]!.GetValue<string>());
        var info = (await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {account}", Ct)).Json["value"]!;
        Assert.Equal((1, 0), (info["always_active"]!.GetValue<int>(), info["osh_only"]!.GetValue<int>()));

        // Settings this bastion doesn't have are answered one by one with a clear error, the others still apply.
        var mixed = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --egress-session-multiplexing yes --mfa-totp-required bypass --always-active no", Ct);
        Assert.Equal("OK", mixed.Code);
        var unsupported = mixed.Json["value"]!["egress_session_multiplexing"]!;
        Assert.Equal("ERR_UNSUPPORTED_FEATURE", unsupported["error_code"]!.GetValue<string>());
        Assert.Contains("not supported", unsupported["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("OK", mixed.Json["value"]!["mfa_totp_required"]!["error_code"]!.GetValue<string>());
        Assert.Equal("OK", mixed.Json["value"]!["always_active"]!["error_code"]!.GetValue<string>());
        var defaults = await Gateway.AdminAsync(
            $"--json-greppable --osh accountModify --account {account} --idle-ignore no --personal-egress-mfa-required none --max-inactive-days -1", Ct);
        Assert.Equal("OK", defaults.Code);
        Assert.Equal(["OK_NO_CHANGE"], defaults.Json["value"]!.AsObject().Select(p => p.Value!["error_code"]!.GetValue<string>()).Distinct());
        Assert.Equal(3, defaults.Json["value"]!.AsObject().Count);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --mfa-totp-required no", Ct)).Code);

        // Bad values are refused before anything changes, even for settings this bastion lacks.
        foreach (var bad in new[] { "--always-active maybe", "--osh-only 1", "--mfa-password-required sometimes", "--egress-strict-host-key-checking perhaps",
            "--personal-egress-mfa-required sms", "--egress-session-multiplexing auto", "--idle-ignore on", "--max-inactive-days -5" })
        {
            var refused = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --osh-only yes {bad}", Ct);
            Assert.True((refused.ExitCode, refused.Code) == (100, "ERR_INVALID_PARAMETER"), bad + ": " + refused);
        }

        Assert.Equal(0, (await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {account}", Ct)).Json["value"]!["osh_only"]!.GetValue<int>());
        Assert.Equal("ERR_BAD_OPTIONS", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --max-inactive-days soon", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account}", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync("--json-greppable --osh accountModify --always-active yes", Ct)).Code);
        Assert.Equal("KO_NOT_FOUND", (await Gateway.AdminAsync("--json-greppable --osh accountModify --account rtbnosuchone --always-active yes", Ct)).Code);
    }

    [Fact]
    public async Task AGrantedCommandRuns_ARevokedOneNoLonger_AndOnlyRestrictedCommandsAreGranted()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (granter, granterKey) = await Gateway.CreateAccountAsync(Ct);
        var (grantee, granteeKey) = await Gateway.CreateAccountAsync(Ct);

        var before = await Gateway.SshAsync(grantee, granteeKey, $"--json-greppable --osh accountList --account {grantee}", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (before.ExitCode, before.Code));

        var granted = await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {grantee} --command accountList", Ct);
        Assert.Equal((0, "OK", "accountGrantCommand"), (granted.ExitCode, granted.Code, granted.Json["command"]!.GetValue<string>()));
        Assert.Null(granted.Json["value"]);
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {grantee} --command accountList", Ct)).Code);
        var after = await Gateway.SshAsync(grantee, granteeKey, $"--json-greppable --osh accountList --account {grantee}", null, Ct);
        Assert.Equal((0, "OK"), (after.ExitCode, after.Code));

        // Scenario 326: a non-admin holding the grant command may grant ordinary commands, never the grant commands.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {granter} --command accountGrantCommand", Ct)).Code);
        Assert.Equal("OK", (await Gateway.SshAsync(granter, granterKey, $"--json-greppable --osh accountGrantCommand --account {grantee} --command accountInfo", null, Ct)).Code);
        foreach (var command in new[] { "accountGrantCommand", "accountRevokeCommand" })
        {
            var refused = await Gateway.SshAsync(granter, granterKey, $"--json-greppable --osh accountGrantCommand --account {grantee} --command {command}", null, Ct);
            Assert.Equal((100, "ERR_SECURITY_VIOLATION", "accountGrantCommand"), (refused.ExitCode, refused.Code, refused.Json["command"]!.GetValue<string>()));
        }

        Assert.Equal(106, (await Gateway.SshAsync(grantee, granteeKey, $"--json-greppable --osh accountGrantCommand --account {granter} --command accountInfo", null, Ct)).ExitCode);

        // Open plugins, unknown names and the bastion-wide roles are not grantable.
        foreach (var command in new[] { "info", "nosuchplugin", "admin", "superowner" })
        {
            var refused = await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {grantee} --command {command}", Ct);
            Assert.True(refused.ExitCode == 100 && refused.Code is "ERR_INVALID_PARAMETER" or "ERR_SECURITY_VIOLATION", command + ": " + refused);
        }

        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {grantee} --command nosuchplugin", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {grantee}", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync("--json-greppable --osh accountRevokeCommand --command accountList", Ct)).Code);
        Assert.Equal("KO_NOT_FOUND", (await Gateway.AdminAsync("--json-greppable --osh accountGrantCommand --account rtbnosuchone --command accountList", Ct)).Code);

        // The auditor grant is not a plugin but is grantable, and shows in info.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {grantee} --command auditor", Ct)).Code);
        Assert.Equal(1, (await Gateway.SshAsync(grantee, granteeKey, "--json-greppable --osh info", null, Ct)).Json["value"]!["is_auditor"]!.GetValue<int>());
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountRevokeCommand --account {grantee} --command auditor", Ct)).Code);

        var revoked = await Gateway.AdminAsync($"--json-greppable --osh accountRevokeCommand --account {grantee} --command accountList", Ct);
        Assert.Equal((0, "OK", "accountRevokeCommand"), (revoked.ExitCode, revoked.Code, revoked.Json["command"]!.GetValue<string>()));
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh accountRevokeCommand --account {grantee} --command accountList", Ct)).Code);
        var gone = await Gateway.SshAsync(grantee, granteeKey, $"--json-greppable --osh accountList --account {grantee}", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (gone.ExitCode, gone.Code));
        var info = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {grantee}", Ct);
        Assert.Equal(["accountInfo"], info.Json["value"]!["allowed_commands"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task AnAccountsKeysAndAccessesAreListedWithTheReferenceShapes()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var publicKey = (await File.ReadAllTextAsync(key + ".pub", Ct)).Trim().Split(' ');

        var ingress = await Gateway.AdminAsync($"--json-greppable --osh accountListIngressKeys --account {account}", Ct);
        Assert.Equal("OK", ingress.Code);
        Assert.Equal(account, ingress.Json["value"]!["account"]!.GetValue<string>());
        var first = Assert.Single(ingress.Json["value"]!["keys"]!.AsArray())!;
        Assert.Equal(1, first["id"]!.GetValue<int>());
        Assert.Equal("OK", first["validity"]!.GetValue<string>());
        Assert.Equal((publicKey[0], publicKey[1]), (first["typecode"]!.GetValue<string>(), first["base64"]!.GetValue<string>()));
        Assert.Equal(("ED25519", 256), (first["family"]!.GetValue<string>(), first["size"]!.GetValue<int>()));
        Assert.StartsWith("SHA256:", first["fingerprint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(first["from_list"]!.AsArray());

        // Egress keys: an object keyed by fingerprint, the same the account sees for itself.
        var egress = await Gateway.AdminAsync($"--json-greppable --osh accountListEgressKeys --account {account}", Ct);
        Assert.Equal("OK", egress.Code);
        var (fingerprint, egressKey) = Assert.Single(egress.Json["value"]!.AsObject());
        Assert.Equal(fingerprint, egressKey!["fingerprint"]!.GetValue<string>());
        Assert.Equal("ECDSA", egressKey["family"]!.GetValue<string>());
        Assert.Contains(account, egressKey["comment"]!.GetValue<string>(), StringComparison.Ordinal);
        var self = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListEgressKeys", null, Ct);
        Assert.Equal([fingerprint], self.Json["value"]!.AsObject().Select(p => p.Key));

        var none = await Gateway.AdminAsync($"--json-greppable --osh accountListAccesses --account {account}", Ct);
        Assert.Equal((0, "OK_EMPTY"), (none.ExitCode, none.Code));
        Assert.Null(none.Json["value"]);

        // A personal access and a group membership show as two blocks.
        Assert.Equal("OK", (await Gateway.AdminAsync(
            $"--json-greppable --osh accountAddPersonalAccess --account {account} --host 192.0.2.10 --user root --port 22 --force", Ct)).Code);
        var group = "la" + account[3..];
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {group} --no-key --owner {Gateway.Admin}", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 192.0.2.20 --user-any --port-any --force", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddMember --group {group} --account {account}", Ct)).Code);
        var lists = (await Gateway.AdminAsync($"--json-greppable --osh accountListAccesses --account {account}", Ct)).Json["value"]!.AsArray();
        var personal = lists.Single(l => l!["type"]!.GetValue<string>() == "personal")!.AsObject();
        Assert.False(personal.ContainsKey("group"));
        var personalEntry = Assert.Single(personal["acl"]!.AsArray())!;
        Assert.Equal(("192.0.2.10", "root", "22"), (personalEntry["ip"]!.GetValue<string>(), personalEntry["user"]!.GetValue<string>(), personalEntry["port"]!.GetValue<string>()));
        Assert.Equal(Gateway.Admin, personalEntry["addedBy"]!.GetValue<string>());
        var member = lists.Single(l => l!["type"]!.GetValue<string>() == "group-member")!;
        Assert.Equal(group, member["group"]!.GetValue<string>());
        var memberEntry = Assert.Single(member["acl"]!.AsArray())!;
        Assert.Equal("192.0.2.20", memberEntry["ip"]!.GetValue<string>());
        Assert.Null(memberEntry["user"]);
        Assert.Null(memberEntry["port"]);

        foreach (var plugin in new[] { "accountListIngressKeys", "accountListEgressKeys", "accountListAccesses" })
        {
            Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh {plugin}", Ct)).Code);
            Assert.Equal("KO_NOT_FOUND", (await Gateway.AdminAsync($"--json-greppable --osh {plugin} --account rtbnosuchone", Ct)).Code);
            Assert.Equal(106, (await Gateway.SshAsync(account, key, $"--json-greppable --osh {plugin} --account {account}", null, Ct)).ExitCode);
        }
    }

    [Fact]
    public async Task PersonalAccessesTakeWildcardsSubnetsTtlsAndComments_AndRepeatsChangeNothing()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var added = await Gateway.AdminAsync(
            $"--json-greppable --osh accountAddPersonalAccess --account {account} --host 192.0.2.1 --user deploy --port 2222 --force --ttl 1h --comment 'build box'", Ct);
        Assert.Equal((0, "OK", "accountAddPersonalAccess"), (added.ExitCode, added.Code, added.Json["command"]!.GetValue<string>()));
        var value = added.Json["value"]!.AsObject();
        Assert.Equal(["account", "action", "comment", "ip", "port", "proxyIp", "proxyPort", "proxyUser", "ttl", "user"],
            value.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("add", account, "192.0.2.1", "deploy"), (value["action"]!.GetValue<string>(), value["account"]!.GetValue<string>(),
            value["ip"]!.GetValue<string>(), value["user"]!.GetValue<string>()));
        Assert.Equal((2222, 3600), (value["port"]!.GetValue<int>(), value["ttl"]!.GetValue<int>()));
        Assert.Equal("build box", value["comment"]!.GetValue<string>());
        var again = await Gateway.AdminAsync(
            $"--json-greppable --osh accountAddPersonalAccess --account {account} --host 192.0.2.1 --user deploy --port 2222 --force", Ct);
        Assert.Equal((0, "OK_NO_CHANGE"), (again.ExitCode, again.Code));
        Assert.Null(again.Json["value"]);

        // '*' for user and port means any, a subnet is kept as such; a host name is resolved once, now.
        var wildcard = await Gateway.AdminAsync($"--json-greppable --osh accountAddPersonalAccess --account {account} --host 198.51.100.0/24 --user '*' --port '*'", Ct);
        Assert.True(wildcard.Code == "OK", wildcard.ToString());
        Assert.Equal("198.51.100.0/24", wildcard.Json["value"]!["ip"]!.GetValue<string>());
        Assert.Null(wildcard.Json["value"]!["user"]);
        Assert.Null(wildcard.Json["value"]!["port"]);
        var named = await Gateway.AdminAsync($"--json-greppable --osh accountAddPersonalAccess --account {account} --host localhost --user-any --port 22 --force", Ct);
        Assert.Equal(("127.0.0.1", "hostname=localhost"), (named.Json["value"]!["ip"]!.GetValue<string>(), named.Json["value"]!["comment"]!.GetValue<string>()));

        var listed = (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses", null, Ct)).Json["value"]!.AsArray();
        var acl = Assert.Single(listed)!["acl"]!.AsArray();
        Assert.Equal(3, acl.Count);
        var withTtl = acl.Single(e => e!["ip"]!.GetValue<string>() == "192.0.2.1")!;
        Assert.Equal("build box", withTtl["userComment"]!.GetValue<string>());
        var expiry = withTtl["expiry"]!.GetValue<long>() - TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        Assert.InRange(expiry, 3500, 3601);

        // Bad input: missing selectors, conflicting ones, an invalid host, an invalid TTL, an unknown account.
        foreach (var (options, code) in new[]
        {
            ("--host 192.0.2.1 --port 22", "ERR_MISSING_PARAMETER"),
            ("--host 192.0.2.1 --user root", "ERR_MISSING_PARAMETER"),
            ("--user root --port 22", "ERR_MISSING_PARAMETER"),
            ("--host 192.0.2.1 --user root --user-any --port 22", "ERR_INCOMPATIBLE_PARAMETERS"),
            ("--host 192.0.2.1 --protocol sftp --user root --port 22", "ERR_INCOMPATIBLE_PARAMETERS"),
            ("--host 192.0.2.1 --user root --port 22 --ttl soon", "KO_INVALID_PARAMETER"),
            ("--host 192.0.2.1 --user root --port 22 --force-key x --force-password y", "ERR_INCOMPATIBLE_PARAMETERS"),
            ("--host 192.0.2.1 --user root --port 22 --proxy-host 192.0.2.9 --proxy-port 22 --proxy-user root", "ERR_INVALID_PARAMETER"),
        })
        {
            var refused = await Gateway.AdminAsync($"--json-greppable --osh accountAddPersonalAccess --account {account} {options} --force", Ct);
            Assert.True((refused.ExitCode, refused.Code) == (100, code), options + ": " + refused);
        }

        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync("--json-greppable --osh accountAddPersonalAccess --host 192.0.2.1 --user-any --port-any", Ct)).Code);
        Assert.Equal("KO_NOT_FOUND",
            (await Gateway.AdminAsync("--json-greppable --osh accountAddPersonalAccess --account rtbnosuchone --host 192.0.2.1 --user-any --port-any", Ct)).Code);

        // Deleting takes the same selectors; a second delete finds nothing to do.
        var deleted = await Gateway.AdminAsync($"--json-greppable --osh accountDelPersonalAccess --account {account} --host 198.51.100.0/24 --user '*' --port '*'", Ct);
        Assert.Equal((0, "OK", "del"), (deleted.ExitCode, deleted.Code, deleted.Json["value"]!["action"]!.GetValue<string>()));
        var twice = await Gateway.AdminAsync($"--json-greppable --osh accountDelPersonalAccess --account {account} --host 198.51.100.0/24 --user '*' --port '*'", Ct);
        Assert.Equal((0, "OK_NO_CHANGE"), (twice.ExitCode, twice.Code));
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh accountDelPersonalAccess --account {account} --host 192.0.2.1 --user deploy --port 22", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountDelPersonalAccess --account {account} --host 192.0.2.1 --user deploy --port 2222", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountDelPersonalAccess --account {account} --host 127.0.0.1 --user-any --port 22", Ct)).Code);
        Assert.Equal("OK_EMPTY", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses", null, Ct)).Code);
    }

    [Fact]
    public async Task FreezingIsIdempotent_BlocksLogins_AndNobodyFreezesThemselves()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var (freezer, freezerKey) = await Gateway.CreateAccountAsync(Ct);
        await GrantAsync(freezer, "accountFreeze");
        await GrantAsync(freezer, "accountUnfreeze");

        var frozen = await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountFreeze --account {account} --reason 'on leave'", null, Ct);
        Assert.Equal((0, "OK"), (frozen.ExitCode, frozen.Code));
        Assert.Equal(account, frozen.Json["value"]!["account"]!.GetValue<string>());
        Assert.Equal("on leave", frozen.Json["value"]!["reason"]!.GetValue<string>());
        Assert.Equal(131, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct)).ExitCode);
        var twice = await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountFreeze --account {account}", null, Ct);
        Assert.Equal((0, "OK_NO_CHANGE"), (twice.ExitCode, twice.Code));
        Assert.Null(twice.Json["value"]);

        var self = await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountFreeze --account {freezer}", null, Ct);
        Assert.Equal((100, "ERR_INVALID_PARAMETER"), (self.ExitCode, self.Code));
        Assert.Equal(0, (await Gateway.SshAsync(freezer, freezerKey, "--json-greppable --osh info", null, Ct)).ExitCode);

        // Only admins touch an admin.
        var admin = await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountFreeze --account {Gateway.Admin}", null, Ct);
        Assert.Equal((100, "ERR_SECURITY_VIOLATION"), (admin.ExitCode, admin.Code));
        Assert.Equal(0, (await Gateway.AdminAsync("--json-greppable --osh info", Ct)).ExitCode);

        foreach (var plugin in new[] { "accountFreeze", "accountUnfreeze" })
        {
            Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh {plugin}", null, Ct)).Code);
            Assert.Equal("KO_NOT_FOUND", (await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh {plugin} --account rtbnosuchone", null, Ct)).Code);
        }

        Assert.Equal("ERR_BAD_OPTIONS", (await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountUnfreeze --account {account} --reason x", null, Ct)).Code);
        var thawed = await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountUnfreeze --account {account}", null, Ct);
        Assert.Equal((0, "OK"), (thawed.ExitCode, thawed.Code));
        Assert.Equal(["account"], thawed.Json["value"]!.AsObject().Select(p => p.Key));
        Assert.Equal("OK_NO_CHANGE", (await Gateway.SshAsync(freezer, freezerKey, $"--json-greppable --osh accountUnfreeze --account {account}", null, Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct)).ExitCode);
    }

    [Fact]
    public async Task DeletingAGroupOwnerKeepsTheGroup_WithoutThatOwner()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (owner, ownerKey) = await Gateway.CreateAccountAsync(Ct);
        var group = "do" + owner[3..];
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {group} --no-key --owner {owner}", Ct)).Code);

        var deleted = await Gateway.AdminAsync($"--json-greppable --osh accountDelete --account {owner} --no-confirm", Ct);
        Assert.Equal((0, "OK"), (deleted.ExitCode, deleted.Code));
        var value = deleted.Json["value"]!;
        Assert.Equal((owner, owner + "-tty", "deleted", 0), (value["account"]!.GetValue<string>(), value["ttygroup"]!.GetValue<string>(),
            value["operation"]!.GetValue<string>(), value["errors"]!.GetValue<int>()));
        Assert.Equal(255, (await Gateway.SshAsync(owner, ownerKey, "--json-greppable --osh info", null, Ct)).ExitCode);

        var info = await Gateway.AdminAsync($"--json-greppable --osh groupInfo --group {group}", Ct);
        Assert.Equal("OK", info.Code);
        foreach (var role in new[] { "owners", "gatekeepers", "aclkeepers", "members" })
        {
            Assert.Empty(info.Json["value"]![role]!.AsArray());
        }

        // An admin is only deleted by an admin; a missing account option is reported as such.
        var (deleter, deleterKey) = await Gateway.CreateAccountAsync(Ct);
        await GrantAsync(deleter, "accountDelete");
        var admin = await Gateway.SshAsync(deleter, deleterKey, $"--json-greppable --osh accountDelete --account {Gateway.Admin} --no-confirm", null, Ct);
        Assert.Equal((100, "ERR_SECURITY_VIOLATION"), (admin.ExitCode, admin.Code));
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.SshAsync(deleter, deleterKey, "--json-greppable --osh accountDelete --no-confirm", null, Ct)).Code);
    }

    private async Task GrantAsync(string account, string command)
    {
        var granted = await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {account} --command {command}", Ct);
        Assert.True(granted.Code == "OK", granted.ToString());
    }
}
