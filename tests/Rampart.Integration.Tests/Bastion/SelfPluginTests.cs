using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The open plugins every account may run, through a real front door: ingress keys that really let one log in (or
/// stop letting one), the access listings, the personal accesses a grant allows, and the small network tools.
/// </summary>
public sealed class SelfPluginTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task AnAddedIngressKeyLogsIn_AndAddingItAgainIsADuplicate()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var listed = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys", null, Ct);
        Assert.Equal((0, "OK", "selfListIngressKeys"), (listed.ExitCode, listed.Code, listed.Json["command"]!.GetValue<string>()));
        Assert.Equal(account, listed.Json["value"]!["account"]!.GetValue<string>());
        var only = Assert.Single(listed.Json["value"]!["keys"]!.AsArray())!;
        Assert.Equal((1, "OK"), (only["id"]!.GetValue<int>(), only["validity"]!.GetValue<string>()));

        var second = await Gateway.NewKeyAsync(Ct);
        var secondPublic = await PublicKeyAsync(second);
        Assert.Equal(255, (await Gateway.SshAsync(account, second, "--json-greppable --osh info", null, Ct)).ExitCode);
        var added = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddIngressKey --public-key \"{secondPublic}\"", null, Ct);
        Assert.Equal((0, "OK", "selfAddIngressKey"), (added.ExitCode, added.Code, added.Json["command"]!.GetValue<string>()));
        // The key has no from= of its own, so the test gateway's --ingress-keys-from holds for it.
        Assert.Equal(["127.0.0.1"], added.Json["value"]!["connect_only_from"]!.AsArray().Select(f => f!.GetValue<string>()));
        var addedKey = added.Json["value"]!["key"]!;
        Assert.Equal(secondPublic.Split(' ')[1], addedKey["base64"]!.GetValue<string>());
        Assert.Equal(("ED25519", 256), (addedKey["family"]!.GetValue<string>(), addedKey["size"]!.GetValue<int>()));
        Assert.Empty(addedKey["from_list"]!.AsArray());

        var loggedIn = await Gateway.SshAsync(account, second, "--json-greppable --osh info", null, Ct);
        Assert.Equal((0, account), (loggedIn.ExitCode, loggedIn.Json["value"]!["account"]!.GetValue<string>()));

        // The same key again, this time on stdin: refused, with the key it read.
        var duplicate = await Gateway.SshAsync(account, second, "--json-greppable --osh selfAddIngressKey", secondPublic + "\n", Ct);
        Assert.Equal((100, "KO_DUPLICATE_KEY"), (duplicate.ExitCode, duplicate.Code));
        Assert.Equal(addedKey["fingerprint"]!.GetValue<string>(), duplicate.Json["value"]!["key"]!["fingerprint"]!.GetValue<string>());
        var keys = (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys", null, Ct)).Json["value"]!["keys"]!.AsArray();
        Assert.Equal([1, 2], keys.Select(k => k!["id"]!.GetValue<int>()));
        Assert.Equal(addedKey["fingerprint"]!.GetValue<string>(), keys[1]!["fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public async Task SelfAddIngressKeyRefusesWhatIsNotAnAcceptableKey()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var notAKey = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey --public-key 'hello world'", null, Ct);
        Assert.Equal((100, "KO_NOT_A_KEY", "selfAddIngressKey"), (notAKey.ExitCode, notAKey.Code, notAKey.Json["command"]!.GetValue<string>()));
        Assert.Null(notAKey.Json["value"]);
        var nothing = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", "", Ct);
        Assert.Equal((100, "KO_NOT_A_KEY"), (nothing.ExitCode, nothing.Code));

        var other = await Gateway.NewKeyAsync(Ct);
        var privateKey = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", await File.ReadAllTextAsync(other, Ct), Ct);
        Assert.Equal((100, "KO_PRIVATE_KEY"), (privateKey.ExitCode, privateKey.Code));

        // A key that parses but is too weak comes back in the value, as in the reference.
        var small = await KeygenAsync("rsa", 1024);
        var tooSmall = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddIngressKey --public-key \"{await PublicKeyAsync(small)}\"", null, Ct);
        Assert.Equal((100, "KO_KEY_SIZE_TOO_SMALL"), (tooSmall.ExitCode, tooSmall.Code));
        Assert.Equal(("RSA", 1024), (tooSmall.Json["value"]!["key"]!["family"]!.GetValue<string>(), tooSmall.Json["value"]!["key"]!["size"]!.GetValue<int>()));
        Assert.Equal(255, (await Gateway.SshAsync(account, small, "--json-greppable --osh info", null, Ct)).ExitCode);

        var big = await KeygenAsync("rsa", 2048);
        Assert.Equal("OK", (await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddIngressKey --public-key \"{await PublicKeyAsync(big)}\"", null, Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(account, big, "--json-greppable --osh info", null, Ct)).ExitCode);

        Assert.Equal("KO_PIV_NOT_AVAILABLE", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey --piv", "", Ct)).Code);
        Assert.Equal("ERR_BAD_OPTIONS", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey --bogus", "", Ct)).Code);
        Assert.Equal(2, (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys", null, Ct)).Json["value"]!["keys"]!.AsArray().Count);
    }

    [Fact]
    public async Task AFromRestrictionOnAnIngressKeyDecidesWhereItLogsInFrom()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var elsewhere = await Gateway.NewKeyAsync(Ct);
        var restricted = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", $"from=\"192.0.2.7\" {await PublicKeyAsync(elsewhere)}\n", Ct);
        Assert.Equal("OK", restricted.Code);
        Assert.Equal(["192.0.2.7"], restricted.Json["value"]!["connect_only_from"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("from=\"192.0.2.7\"", restricted.Json["value"]!["key"]!["prefix"]!.GetValue<string>());
        Assert.Equal(255, (await Gateway.SshAsync(account, elsewhere, "--json-greppable --osh info", null, Ct)).ExitCode);

        var here = await Gateway.NewKeyAsync(Ct);
        Assert.Equal("OK", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", $"from=\"127.0.0.0/8\" {await PublicKeyAsync(here)}\n", Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(account, here, "--json-greppable --osh info", null, Ct)).ExitCode);

        var keys = (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys", null, Ct)).Json["value"]!["keys"]!.AsArray();
        Assert.Equal(["192.0.2.7"], keys[1]!["from_list"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task TheBastionWideIngressListHoldsForKeysWithoutTheirOwnFrom()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        // The gateway is installed with --ingress-keys-from 127.0.0.1 (overridable): a plain key logs in from there only.
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal(0, await LoginFromAsync("127.0.0.1", account, key));
        Assert.Equal(255, await LoginFromAsync("127.0.0.2", account, key));

        // A key with its own from= replaces the list (override allowed): 127.0.0.0/8 lets 127.0.0.2 in.
        var wide = await Gateway.NewKeyAsync(Ct);
        var added = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", $"from=\"127.0.0.0/8\" {await PublicKeyAsync(wide)}\n", Ct);
        Assert.Equal(["127.0.0.0/8"], added.Json["value"]!["connect_only_from"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(0, await LoginFromAsync("127.0.0.2", account, wide));

        var plain = await Gateway.NewKeyAsync(Ct);
        var plainAdded = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", await PublicKeyAsync(plain) + "\n", Ct);
        Assert.Equal(["127.0.0.1"], plainAdded.Json["value"]!["connect_only_from"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(255, await LoginFromAsync("127.0.0.2", account, plain));

        var info = await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct);
        Assert.Equal(["127.0.0.1"], info.Json["value"]!["ingress_keys_from_ip_list"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    /// <summary>Logs in to the bastion from a given loopback source address; returns ssh's exit status.</summary>
    private async Task<int> LoginFromAsync(string source, string account, string key) =>
        (await Gateway.SshAsync(account, key, "--osh info", null, Ct, source)).ExitCode;

    [Fact]
    public async Task SelfDelIngressKeyRemovesByIdOrFingerprint_NeverTheLastKey_AndTheKeyStopsWorking()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        // With one key, nothing may be deleted, whatever is asked.
        foreach (var options in new[] { "--id-to-delete 1", "--id-to-delete 7", "--fingerprint-to-delete SHA256:nothing" })
        {
            var last = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfDelIngressKey {options}", null, Ct);
            Assert.True((last.ExitCode, last.Code) == (100, "ERR_ONLY_ONE_KEY"), options + ": " + last);
        }

        var second = await Gateway.NewKeyAsync(Ct);
        var third = await Gateway.NewKeyAsync(Ct);
        foreach (var added in new[] { second, third })
        {
            Assert.Equal("OK", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddIngressKey", await PublicKeyAsync(added) + "\n", Ct)).Code);
        }

        var keys = (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys", null, Ct)).Json["value"]!["keys"]!.AsArray();
        var secondFingerprint = keys[1]!["fingerprint"]!.GetValue<string>();

        foreach (var (options, code) in new[]
        {
            ("--id-to-delete 9", "ERR_INVALID_ID"),
            ("--fingerprint-to-delete SHA256:nothing", "ERR_NO_MATCH"),
            ($"--id-to-delete 2 --fingerprint-to-delete {secondFingerprint}", "ERR_INCOMPATIBLE_PARAMETERS"),
            ("--id-to-delete two", "ERR_BAD_OPTIONS"),
        })
        {
            var refused = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfDelIngressKey {options}", null, Ct);
            Assert.True((refused.ExitCode, refused.Code) == (100, code), options + ": " + refused);
        }

        // Without an option the id is read from stdin, as The Bastion prompts for it.
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelIngressKey", "two\n", Ct)).Code);

        var byFingerprint = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfDelIngressKey --fingerprint-to-delete {secondFingerprint}", null, Ct);
        Assert.Equal((0, "OK", "selfDelIngressKey"), (byFingerprint.ExitCode, byFingerprint.Code, byFingerprint.Json["command"]!.GetValue<string>()));
        Assert.Equal(secondFingerprint, byFingerprint.Json["value"]!["deleted_key"]!["fingerprint"]!.GetValue<string>());
        Assert.Equal(255, (await Gateway.SshAsync(account, second, "--json-greppable --osh info", null, Ct)).ExitCode);
        Assert.Equal(0, (await Gateway.SshAsync(account, third, "--json-greppable --osh info", null, Ct)).ExitCode);

        // The third key is now number 2; deleting it through the prompt leaves the first key alone.
        var byPrompt = await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelIngressKey", "2\n", Ct);
        Assert.Equal("OK", byPrompt.Code);
        Assert.Equal(await PublicKeyAsync(third), byPrompt.Json["value"]!["deleted_key"]!["line"]!.GetValue<string>());
        Assert.Equal(255, (await Gateway.SshAsync(account, third, "--json-greppable --osh info", null, Ct)).ExitCode);
        Assert.Equal("ERR_ONLY_ONE_KEY", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelIngressKey -l 1", null, Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct)).ExitCode);
    }

    [Fact]
    public async Task SelfListAccessesShowsPersonalMemberAndGuestBlocks()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var empty = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses", null, Ct);
        Assert.Equal((0, "OK_EMPTY", "selfListAccesses"), (empty.ExitCode, empty.Code, empty.Json["command"]!.GetValue<string>()));
        Assert.Null(empty.Json["value"]);

        var memberGroup = "sm" + account[3..];
        var guestGroup = "sg" + account[3..];
        foreach (var (group, host) in new[] { (memberGroup, "192.0.2.50"), (guestGroup, "192.0.2.60") })
        {
            Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {group} --no-key --owner {Gateway.Admin}", Ct)).Code);
            Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host {host} --user app --port 22 --force", Ct)).Code);
        }

        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {guestGroup} --host 192.0.2.61 --user app --port 22 --force", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddMember --group {memberGroup} --account {account}", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync(
            $"--json-greppable --osh groupAddGuestAccess --group {guestGroup} --account {account} --host 192.0.2.60 --user app --port 22", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync(
            $"--json-greppable --osh accountAddPersonalAccess --account {account} --host 192.0.2.70 --user me --port 22 --force", Ct)).Code);

        foreach (var options in new[] { "", "--hide-groups", "--exclude '*'", "--include 192.0.2.7" })
        {
            // The JSON always holds everything; the options only filter the text.
            var listed = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfListAccesses {options}", null, Ct);
            Assert.True(listed.Code == "OK", options + ": " + listed);
            var blocks = listed.Json["value"]!.AsArray();
            Assert.Equal(["group-guest", "group-member", "personal"], blocks.Select(b => b!["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.Equal(memberGroup, blocks.Single(b => b!["type"]!.GetValue<string>() == "group-member")!["group"]!.GetValue<string>());
            var guest = blocks.Single(b => b!["type"]!.GetValue<string>() == "group-guest")!;
            Assert.Equal(guestGroup, guest["group"]!.GetValue<string>());
            Assert.Equal(["192.0.2.60"], guest["acl"]!.AsArray().Select(e => e!["ip"]!.GetValue<string>()));
            var personal = blocks.Single(b => b!["type"]!.GetValue<string>() == "personal")!;
            Assert.Equal(["192.0.2.70"], personal["acl"]!.AsArray().Select(e => e!["ip"]!.GetValue<string>()));
        }

        var hidden = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses --hide-groups", null, Ct);
        Assert.Contains("192.0.2.70", hidden.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.50", hidden.Out.Split("JSON_OUTPUT=")[0], StringComparison.Ordinal);
        var included = (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses --include 192.0.2.7", null, Ct)).Out.Split("JSON_OUTPUT=")[0];
        Assert.Contains("192.0.2.70", included, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.60", included, StringComparison.Ordinal);
        var excluded = (await Gateway.SshAsync(account, key, $"--json-greppable --osh selfListAccesses --exclude {guestGroup}", null, Ct)).Out.Split("JSON_OUTPUT=")[0];
        Assert.Contains("192.0.2.50", excluded, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.60", excluded, StringComparison.Ordinal);
        Assert.Equal("ERR_BAD_OPTIONS", (await Gateway.SshAsync(account, key, $"--json-greppable --osh selfListAccesses --account {account}", null, Ct)).Code);
    }

    [Fact]
    public async Task SelfPersonalAccessesNeedTheirGrant_ThenTestTheConnectionUnlessForced()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var (other, _) = await Gateway.CreateAccountAsync(Ct);
        var closedPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);

        // Like The Bastion, both are restricted commands: nobody has them until granted.
        var refused = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddPersonalAccess --host 192.0.2.80 --user me --port 22 --force", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (refused.ExitCode, refused.Code));
        Assert.Null(refused.Json["command"]);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {account} --command selfAddPersonalAccess", Ct)).Code);

        var untested = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddPersonalAccess --host 127.0.0.1 --user me --port {closedPort}", null, Ct);
        Assert.Equal((100, "ERR_CONNECTION_FAILED"), (untested.ExitCode, untested.Code));
        Assert.Equal("OK_EMPTY", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses", null, Ct)).Code);

        var forced = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddPersonalAccess --host 127.0.0.1 --user me --port {closedPort} --force --comment 'lab'", null, Ct);
        Assert.Equal((0, "OK", "selfAddPersonalAccess"), (forced.ExitCode, forced.Code, forced.Json["command"]!.GetValue<string>()));
        Assert.Equal((account, "add", "lab"), (forced.Json["value"]!["account"]!.GetValue<string>(), forced.Json["value"]!["action"]!.GetValue<string>(),
            forced.Json["value"]!["comment"]!.GetValue<string>()));
        var again = await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddPersonalAccess --host 127.0.0.1 --user me --port {closedPort} --force", null, Ct);
        Assert.Equal((0, "OK_NO_CHANGE"), (again.ExitCode, again.Code));

        // Wildcards and subnets cannot be tested, so they need no --force.
        var wide = await Gateway.SshAsync(account, key, "--json-greppable --osh selfAddPersonalAccess --host 192.0.2.0/28 --user '*' --port '*' --ttl 2d", null, Ct);
        Assert.True(wide.Code == "OK", wide.ToString());
        Assert.Equal(172800, wide.Json["value"]!["ttl"]!.GetValue<int>());
        Assert.Equal("ERR_BAD_OPTIONS", (await Gateway.SshAsync(account, key, $"--json-greppable --osh selfAddPersonalAccess --account {other} --host 192.0.2.1 --user-any --port-any", null, Ct)).Code);
        Assert.Equal(106, (await Gateway.SshAsync(account, key, $"--json-greppable --osh accountAddPersonalAccess --account {other} --host 192.0.2.1 --user-any --port-any", null, Ct)).ExitCode);

        // Deleting is granted separately.
        Assert.Equal(106, (await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelPersonalAccess --host 192.0.2.0/28 --user '*' --port '*'", null, Ct)).ExitCode);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {account} --command selfDelPersonalAccess", Ct)).Code);
        var deleted = await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelPersonalAccess --host 192.0.2.0/28 --user '*' --port '*'", null, Ct);
        Assert.Equal((0, "OK", "del"), (deleted.ExitCode, deleted.Code, deleted.Json["value"]!["action"]!.GetValue<string>()));
        Assert.Equal("OK_NO_CHANGE", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelPersonalAccess --host 192.0.2.0/28 --user '*' --port '*'", null, Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfDelPersonalAccess --host 192.0.2.0/28 --user '*'", null, Ct)).Code);
        var left = (await Gateway.SshAsync(account, key, "--json-greppable --osh selfListAccesses", null, Ct)).Json["value"]!.AsArray();
        Assert.Equal(["127.0.0.1"], Assert.Single(left)!["acl"]!.AsArray().Select(e => e!["ip"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HelpListsOnlyWhatTheCallerMayRun()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var help = await Gateway.SshAsync(account, key, "--json-greppable --osh help", null, Ct);
        Assert.Equal((0, "OK", "help"), (help.ExitCode, help.Code, help.Json["command"]!.GetValue<string>()));
        Assert.Null(help.Json["value"]);
        Assert.Contains("selfListIngressKeys", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("accountCreate", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("adminMaintenance", help.Out, StringComparison.Ordinal);

        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {account} --command accountList", Ct)).Code);
        Assert.Contains("accountList", (await Gateway.SshAsync(account, key, "--json-greppable --osh help", null, Ct)).Out, StringComparison.Ordinal);
        var admin = await Gateway.AdminAsync("--json-greppable --osh help", Ct);
        Assert.Contains("accountCreate", admin.Out, StringComparison.Ordinal);
        Assert.Contains("adminMaintenance", admin.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfoHasTheReferenceShape_AndOnlyAdminsAndAuditorsSeeTheAdmins()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        var info = await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct);
        Assert.Equal((0, "OK", "info"), (info.ExitCode, info.Code, info.Json["command"]!.GetValue<string>()));
        var value = info.Json["value"]!.AsObject();
        Assert.Equal(account, value["account"]!.GetValue<string>());
        // The test gateway is installed with --bastion-command "ssh ACCOUNT@127.0.0.1 -p PORT -t --".
        Assert.Equal($"ssh {account}@127.0.0.1 -p {Gateway.Port} -t --", value["bastion_alias_command"]!.GetValue<string>());
        Assert.Equal("test-bastion", value["bastion_name"]!.GetValue<string>());
        Assert.Equal(Environment.MachineName, value["hostname"]!.GetValue<string>());
        Assert.True(value["registered_accounts"]!.GetValue<int>() >= 2);
        Assert.True(value["registered_groups"]!.GetValue<int>() >= 0);
        foreach (var zero in new[] { "mfa_password_required", "mfa_password_bypass", "mfa_password_configured", "mfa_totp_required", "mfa_totp_bypass",
            "mfa_totp_configured", "slave_mode" })
        {
            Assert.True(value[zero]?.GetValue<int>() == 0, zero);
        }

        foreach (var list in new[] { "allowed_networks_list", "forbidden_networks_list", "egress_ip_list", "ingress_keys_from_ip_list",
            "ingress_ssh_key_algorithms", "egress_ssh_key_algorithms" })
        {
            Assert.True(value[list] is System.Text.Json.Nodes.JsonArray, list);
        }

        // The gateway is installed with --egress-keys-from 127.0.0.1: that is where its egress connections come from.
        Assert.Equal(["127.0.0.1"], value["egress_ip_list"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("ed25519", value["ingress_ssh_key_algorithms"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal((2048, 8192), (value["ingress_rsa_min_size"]!.GetValue<int>(), value["ingress_rsa_max_size"]!.GetValue<int>()));
        Assert.Equal(account, value["password_user"]!.GetValue<string>());
        Assert.Equal("locked", value["password_password"]!.GetValue<string>());
        foreach (var absent in new[] { "is_admin", "is_superowner", "is_auditor", "adminAccounts", "superOwnerAccounts", "realm" })
        {
            Assert.False(value.ContainsKey(absent), absent);
        }

        var admin = (await Gateway.AdminAsync("--json-greppable --osh info", Ct)).Json["value"]!;
        Assert.Equal((1, 1), (admin["is_admin"]!.GetValue<int>(), admin["is_auditor"]!.GetValue<int>()));
        Assert.Equal([Gateway.Admin], admin["adminAccounts"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task NcTellsAnOpenPortFromAClosedOne()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = FreePort.Next();

        var answered = await Gateway.SshAsync(account, key, $"--json-greppable --osh nc --host 127.0.0.1 --port {open}", null, Ct);
        Assert.Equal((0, "OK", "nc"), (answered.ExitCode, answered.Code, answered.Json["command"]!.GetValue<string>()));
        Assert.Equal(("127.0.0.1", open, "open"), (answered.Json["value"]!["host"]!.GetValue<string>(), answered.Json["value"]!["port"]!.GetValue<int>(),
            answered.Json["value"]!["result"]!.GetValue<string>()));
        var refused = await Gateway.SshAsync(account, key, $"--json-greppable --osh nc --host 127.0.0.1 --port {closed} -w 2", null, Ct);
        Assert.Equal((0, "OK"), (refused.ExitCode, refused.Code));
        Assert.Equal("closed", refused.Json["value"]!["result"]!.GetValue<string>());

        // Host and port may also come as the two words after the plugin name.
        var positional = await Gateway.SshAsync(account, key, $"--json-greppable --osh nc localhost {open}", null, Ct);
        Assert.Equal(("localhost", "open"), (positional.Json["value"]!["host"]!.GetValue<string>(), positional.Json["value"]!["result"]!.GetValue<string>()));

        foreach (var (options, code) in new[]
        {
            ($"--port {open}", "ERR_MISSING_PARAMETER"),
            ("--host 127.0.0.1", "ERR_MISSING_PARAMETER"),
            ($"--host 127.0.0.0/8 --port {open}", "ERR_INVALID_PARAMETER"),
            ("localhost 70000", "ERR_INVALID_PARAMETER"),
            ($"--host 127.0.0.1 --port {open} --bogus", "ERR_BAD_OPTIONS"),
        })
        {
            var bad = await Gateway.SshAsync(account, key, $"--json-greppable --osh nc {options}", null, Ct);
            Assert.True((bad.ExitCode, bad.Code) == (100, code), options + ": " + bad);
        }

        var invalidPort = await Gateway.SshAsync(account, key, "--json-greppable --osh nc --host 127.0.0.1 --port 70000", null, Ct);
        Assert.Equal((134, "KO_INVALID_PORT"), (invalidPort.ExitCode, invalidPort.Code));
    }

    [Fact]
    public async Task AliveReturnsOnceAHostAnswersPing_AndRefusesSubnets()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        // alive pings: the port plays no part, an open or closed one alike.
        foreach (var command in new[] { "alive --host 127.0.0.1", $"alive --host 127.0.0.1 --port {FreePort.Next()}", "alive 127.0.0.1", "alive someone@localhost" })
        {
            var alive = await Gateway.SshAsync(account, key, "--json-greppable --osh " + command, null, Ct);
            Assert.True((alive.ExitCode, alive.Code) == (0, "OK"), command + ": " + alive);
            Assert.Equal(["waited_for"], alive.Json["value"]!.AsObject().Select(p => p.Key));
            Assert.InRange(alive.Json["value"]!["waited_for"]!.GetValue<int>(), 0, 2);
        }

        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.SshAsync(account, key, "--json-greppable --osh alive", null, Ct)).Code);
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.SshAsync(account, key, "--json-greppable --osh alive --host 127.0.0.0/8", null, Ct)).Code);

        // The Bastion waits forever (its tests use a client-side timeout); Rampart's --timeout bounds the wait.
        var clock = Stopwatch.StartNew();
        // 100::1 is in the IPv6 discard prefix: nothing ever answers there.
        var silent = await Gateway.SshAsync(account, key, "--json-greppable --osh alive --host 100::1 --timeout 2", null, Ct);
        Assert.Equal((100, "ERR_TIMEOUT"), (silent.ExitCode, silent.Code));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 20);
    }

    [Fact]
    public async Task PingCountsRepliesAndReportsTheReferenceFigures()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var ping = await Gateway.SshAsync(account, key, "--json-greppable --osh ping --host 127.0.0.1 -c 2 -s 100", null, Ct);
        Assert.True((ping.ExitCode, ping.Code) == (0, "OK"), ping.ToString());
        var value = ping.Json["value"]!;
        // Figures The Bastion reads off ping's output, so strings, as there.
        Assert.Equal(("127.0.0.1", 0, "2", "2", "0"), (value["host"]!.GetValue<string>(), value["sysret"]!.GetValue<int>(),
            value["packets_transmitted"]!.GetValue<string>(), value["packets_received"]!.GetValue<string>(), value["packets_loss_percentage"]!.GetValue<string>()));
        Assert.Matches("^[0-9]+\\.[0-9]{3}$", value["avg"]!.GetValue<string>());
        Assert.Contains("108 bytes from 127.0.0.1: icmp_seq=2", ping.Out, StringComparison.Ordinal);
        Assert.Contains("2 packets transmitted, 2 received, 0% packet loss", ping.Out, StringComparison.Ordinal);

        // A lone word is taken as the host; a deadline ends an endless ping.
        var clock = Stopwatch.StartNew();
        var guessed = await Gateway.SshAsync(account, key, "--json-greppable --osh ping -w 2 localhost", null, Ct);
        Assert.True(guessed.Code == "OK", guessed.ToString());
        Assert.InRange(int.Parse(guessed.Json["value"]!["packets_transmitted"]!.GetValue<string>(), CultureInfo.InvariantCulture), 1, 3);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1, 20);

        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.SshAsync(account, key, "--json-greppable --osh ping", null, Ct)).Code);
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.SshAsync(account, key, "--json-greppable --osh ping --host 127.0.0.0/8", null, Ct)).Code);
        var silent = await Gateway.SshAsync(account, key, "--json-greppable --osh ping --host 100::1 -c 1", null, Ct);
        Assert.Equal(("OK", "0", 1), (silent.Code, silent.Json["value"]!["packets_received"]!.GetValue<string>(), silent.Json["value"]!["sysret"]!.GetValue<int>()));
    }

    private static async Task<string> PublicKeyAsync(string privateKey) => (await File.ReadAllTextAsync(privateKey + ".pub", Ct)).Trim();

    /// <summary>A key pair of another type or size than <see cref="BastionGateway.NewKeyAsync"/> makes.</summary>
    private async Task<string> KeygenAsync(string type, int bits)
    {
        var path = Gateway.Home.Combine($"key-{type}{bits}-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-q", "-t", type, "-b", bits.ToString(CultureInfo.InvariantCulture), "-N", "", "-C", "rampart-test", "-f", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, await error);
        return path;
    }
}
