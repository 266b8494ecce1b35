using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// Egress through the bastion, end to end: <c>ssh ACCOUNT@bastion -- USER@HOST -p PORT -- COMMAND</c> against a real
/// target sshd that trusts only the bastion's egress keys. Access comes from group membership, guest accesses and
/// personal accesses; every session is recorded, listed, replayable and audited.
/// </summary>
public sealed class EgressTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway.Gateway;

    private SshServer Target => fixture.Target!;

    private string TargetUser => fixture.TargetUser!.Name;

    private string To(string? user = null, string host = "127.0.0.1", int? port = null) =>
        $"{user ?? TargetUser}@{host} -p {(port ?? Target.Port).ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task AGroupMemberRunsACommand_ExitStatusAndStreamsPassThrough_AndTheSessionIsRecorded()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        // As with The Bastion, what follows " -- " reaches the remote shell verbatim: the local shell already removed any quotes.
        var run = await Gateway.SshAsync(member, key, $"{To()} -- echo to-stdout; echo to-stderr >&2; exit 43", null, Ct);
        Assert.True(run.ExitCode == 43, run.ToString());
        Assert.Equal("to-stdout\n", run.Out);
        Assert.Contains("to-stderr", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("to-stderr", run.Out, StringComparison.Ordinal);

        // Stdin reaches the remote command, and its end is passed on.
        var piped = await Gateway.SshAsync(member, key, $"{To()} -- wc -l", "one\ntwo\nthree\n", Ct);
        Assert.Equal((0, "3"), (piped.ExitCode, piped.Out.Trim()));

        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        var session = sessions.Json["value"]!.AsArray().Single(s => s!["returned"]!.GetValue<int>() == 43)!;
        Assert.Equal(1, session["allowed"]!.GetValue<int>());
        Assert.Equal(TargetUser, session["user"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", session["to"]!["ip"]!.GetValue<string>());
        Assert.Equal(Target.Port, session["to"]!["port"]!.GetValue<int>());
        Assert.NotNull(session["timestamp_ended"]);
        var id = session["id"]!.GetValue<string>();

        // Recordings are the daemon's, out of the account's reach, and keep stdout and stderr apart.
        var recordings = Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member);
        var stdout = Path.Combine(recordings, id + ".cast");
        var stderr = Path.Combine(recordings, id + ".stderr.cast");
        Assert.True(File.Exists(stdout) && File.Exists(stderr), string.Join(", ", Directory.GetFiles(recordings)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stdout));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stderr));
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(Gateway.Daemon.DataDirectory, "bastion")) & (UnixFileMode)0b000_111_111);
        var stdoutLines = await File.ReadAllLinesAsync(stdout, Ct);
        Assert.Equal(2, JsonNode.Parse(stdoutLines[0])!["version"]!.GetValue<int>());
        var stdoutEvents = string.Join('\n', stdoutLines.Skip(1));
        Assert.Contains("to-stdout", stdoutEvents, StringComparison.Ordinal);
        Assert.DoesNotContain("to-stderr", stdoutEvents, StringComparison.Ordinal);
        Assert.Contains("to-stderr", string.Join('\n', (await File.ReadAllLinesAsync(stderr, Ct)).Skip(1)), StringComparison.Ordinal);
        Assert.Contains("to-stdout", await AsciinemaCatAsync(stdout), StringComparison.Ordinal);

        var played = await Gateway.SshAsync(member, key, $"--json-greppable --osh selfPlaySession --id {id}", null, Ct);
        Assert.Equal("OK", played.Code);
        Assert.Contains("to-stdout", played.Out, StringComparison.Ordinal);
        var missing = await Gateway.SshAsync(member, key, "--json-greppable --osh selfPlaySession --id nosuchsession", null, Ct);
        Assert.Equal("ERR_NOT_FOUND", missing.Code);

        // Another account can neither list nor replay it.
        var (other, otherKey) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal("ERR_NOT_FOUND", (await Gateway.SshAsync(other, otherKey, $"--json-greppable --osh selfPlaySession --id {id}", null, Ct)).Code);
    }

    [Fact]
    public async Task TheServerIsToldWhoCameThroughTheBastion_InLcBastionAndItsDetails()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        // The target accepts LC_* as Debian's sshd_config does; the variables come with the session, not from the daemon's environment.
        var run = await Gateway.SshAsync(member, key, $"{To()} -- printenv LC_BASTION; printenv LC_BASTION_DETAILS", null, Ct);
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(member, lines[0]);
        var hop = JsonNode.Parse(lines[1])!.AsArray().Single()!;
        Assert.Equal(member, hop["account"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", hop["from"]!["addr"]!.GetValue<string>());
        Assert.True(hop["from"]!["port"]!.GetValue<int>() > 0);
        Assert.Equal(("127.0.0.1", Gateway.Port), (hop["via"]!["addr"]!.GetValue<string>(), hop["via"]!["port"]!.GetValue<int>()));
        Assert.Equal(("127.0.0.1", Target.Port, TargetUser),
            (hop["to"]!["addr"]!.GetValue<string>(), hop["to"]!["port"]!.GetValue<int>(), hop["to"]!["user"]!.GetValue<string>()));
        Assert.False(hop["mfa"]!["validated"]!.GetValue<bool>());
        Assert.False(hop["piv"]!["enforced"]!.GetValue<bool>());

        // uniqid is the session's id, as in the session log.
        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        Assert.Contains(sessions.Json["value"]!.AsArray(), s => s!["id"]!.GetValue<string>() == hop["uniqid"]!.GetValue<string>());

        // The client's locale goes along (the front door accepts LANG and LC_*, as The Bastion's); what is not a locale
        // value, and the bastion's own variables, cannot be passed through.
        var locale = new Dictionary<string, string>
        {
            ["LANG"] = "en_US.UTF-8", ["LC_TIME"] = "en_GB.UTF-8", ["LC_BASTION"] = "someone-else", ["LC_MESSAGES"] = "x; $(reboot)",
        };
        var withLocale = await Gateway.SshAsync(member, key,
            $"{To()} -- echo \"L=$LANG T=$LC_TIME B=$LC_BASTION M=${{LC_MESSAGES-unset}}\"", null, Ct, environment: locale);
        Assert.True(withLocale.ExitCode == 0, withLocale.ToString());
        Assert.Equal($"L=en_US.UTF-8 T=en_GB.UTF-8 B={member} M=unset\n", withLocale.Out);
    }

    [Fact]
    public async Task AccessIsDeniedOutsideTheAcl_WithTheReferenceCode_AndEveryAttemptIsAudited()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        foreach (var target in new[] { To(user: "root"), To(host: "127.0.0.2"), To(port: Target.Port + 1) })
        {
            var denied = await Gateway.SshAsync(member, key, $"--json-greppable {target} -- true", null, Ct);
            Assert.True(denied.ExitCode == 107, denied.ToString());
            Assert.Equal("KO_ACCESS_DENIED", denied.Code);
            Assert.Null(denied.Json["command"]);
            Assert.Contains($"Access denied for {member}", denied.Error, StringComparison.Ordinal);
        }

        // An account with no access at all, and one that may only run plugins.
        var (stranger, strangerKey) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal(107, (await Gateway.SshAsync(stranger, strangerKey, $"{To()} -- true", null, Ct)).ExitCode);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {member} --osh-only yes", Ct)).Code);
        Assert.Equal(107, (await Gateway.SshAsync(member, key, $"{To()} -- true", null, Ct)).ExitCode);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {member} --osh-only no", Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{To()} -- true", null, Ct)).ExitCode);

        var deniedSessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh --denied", null, Ct);
        Assert.Equal(4, deniedSessions.Json["value"]!.AsArray().Count);

        var audit = await CliRunner.RunAsync(Gateway.Daemon, null, Ct, "audit", "search", "--actor", "bastion:" + member, "--action", "ssh", "-n", "100", "--json");
        Assert.True(audit.Code == 0, audit.ToString());
        var records = JsonNode.Parse(audit.Out)!["records"]!.AsArray();
        Assert.Equal(4, records.Count(r => r!["outcome"]!.GetValue<string>() == "denied"));
        Assert.Contains(records, r => r!["outcome"]!.GetValue<string>() == "ok" && r["target"]!.GetValue<string>() == $"{TargetUser}@127.0.0.1:{Target.Port}");
        var verify = await CliRunner.RunAsync(Gateway.Daemon, null, Ct, "audit", "verify");
        Assert.True(verify.Code == 0, verify.ToString());
    }

    [Fact]
    public async Task GuestAndPersonalAccessesUseTheirOwnKeys()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (owner, _) = await Gateway.CreateAccountAsync(Ct);
        var group = await GroupWithServerAsync(owner);

        // A guest reaches the one server granted with the group's key, nothing else of the group.
        var (guest, guestKey) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal(107, (await Gateway.SshAsync(guest, guestKey, $"{To()} -- true", null, Ct)).ExitCode);
        var granted = await Gateway.AdminAsync(
            $"--json-greppable --osh groupAddGuestAccess --group {group} --account {guest} --host 127.0.0.1 --port {Target.Port} --user {TargetUser}", Ct);
        Assert.Equal("OK", granted.Code);
        Assert.Equal(0, (await Gateway.SshAsync(guest, guestKey, $"{To()} -- true", null, Ct)).ExitCode);
        Assert.Equal("OK", (await Gateway.AdminAsync(
            $"--json-greppable --osh groupDelGuestAccess --group {group} --account {guest} --host 127.0.0.1 --port {Target.Port} --user {TargetUser}", Ct)).Code);
        Assert.Equal(107, (await Gateway.SshAsync(guest, guestKey, $"{To()} -- true", null, Ct)).ExitCode);

        // A personal access uses the account's own egress key. An admin adds it blindly, as in The Bastion (the admin
        // cannot prove the key is on the server); the session then fails at the target until the server trusts the key.
        var (solo, soloKey) = await Gateway.CreateAccountAsync(Ct);
        var access = $"--host 127.0.0.1 --port {Target.Port} --user {TargetUser}";
        var blind = await Gateway.AdminAsync($"--json-greppable --osh accountAddPersonalAccess --account {solo} {access}", Ct);
        Assert.True(blind.Code == "OK", blind.ToString());
        Assert.Contains("adding the access blindly", blind.Error + blind.Out, StringComparison.Ordinal);
        Assert.Equal(255, (await Gateway.SshAsync(solo, soloKey, $"{To()} -- true", null, Ct)).ExitCode);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountDelPersonalAccess --account {solo} {access}", Ct)).Code);

        // The account's own selfAddPersonalAccess tests the connection first, unless --force.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountGrantCommand --account {solo} --command selfAddPersonalAccess", Ct)).Code);
        var untested = await Gateway.SshAsync(solo, soloKey, $"--json-greppable --osh selfAddPersonalAccess {access}", null, Ct);
        Assert.Equal("ERR_CONNECTION_FAILED", untested.Code);
        var egressKeys = await Gateway.SshAsync(solo, soloKey, "--json-greppable --osh selfListEgressKeys", null, Ct);
        var personalKey = egressKeys.Json["value"]!.AsObject().Single().Value!["line"]!.GetValue<string>();
        await TrustAsync(personalKey);
        var added = await Gateway.SshAsync(solo, soloKey, $"--json-greppable --osh selfAddPersonalAccess {access}", null, Ct);
        Assert.True(added.Code == "OK", added.ToString());
        var run = await Gateway.SshAsync(solo, soloKey, $"{To()} -- echo personal", null, Ct);
        Assert.Equal((0, "personal\n"), (run.ExitCode, run.Out));
    }

    [Fact]
    public async Task EgressKeysRotate_ANewKeyIsTriedFirst_AndTheOldOneIsRemovedByItsId()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await GroupWithServerAsync(member);
        var oldKey = (await Gateway.AdminAsync($"--json-greppable --osh groupInfo --group {group}", Ct)).Json["value"]!["keys"]!.AsObject().Single().Value!;

        var generated = await Gateway.AdminAsync($"--json-greppable --osh groupGenerateEgressKey --group {group} --algo ed25519", Ct);
        Assert.True(generated.Code == "OK", generated.ToString());
        var newKey = generated.Json["value"]!;
        Assert.StartsWith("from=\"127.0.0.1\" ssh-ed25519 ", newKey["line"]!.GetValue<string>(), StringComparison.Ordinal);

        // Until the servers trust the new key, the old one still works; then the old one can go.
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{To()} -- true", null, Ct)).ExitCode);
        var trusted = Target.Home.Combine("authorized_keys");
        var lines = (await File.ReadAllLinesAsync(trusted, Ct)).Where(l => !l.Contains(oldKey["base64"]!.GetValue<string>(), StringComparison.Ordinal));
        await File.WriteAllLinesAsync(trusted, [.. lines, newKey["line"]!.GetValue<string>()], Ct);
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{To()} -- true", null, Ct)).ExitCode);

        var oldId = oldKey["id"]!.GetValue<string>();
        var deleted = await Gateway.AdminAsync($"--json-greppable --osh groupDelEgressKey --group {group} --id {oldId}", Ct);
        Assert.True(deleted.Code == "OK", deleted.ToString());
        Assert.Equal(oldKey["fingerprint"]!.GetValue<string>(), deleted.Json["value"]!["fingerprint"]!.GetValue<string>());
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh groupDelEgressKey --group {group} --id {oldId}", Ct)).Code);
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.AdminAsync($"--json-greppable --osh groupDelEgressKey --group {group}", Ct)).Code);
        var remaining = (await Gateway.AdminAsync($"--json-greppable --osh groupInfo --group {group}", Ct)).Json["value"]!["keys"]!.AsObject();
        Assert.Equal(newKey["fingerprint"]!.GetValue<string>(), remaining.Single().Value!["fingerprint"]!.GetValue<string>());
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{To()} -- true", null, Ct)).ExitCode);

        // A member is no owner: the group's keys are not theirs to manage.
        var refused = await Gateway.SshAsync(member, key, $"--json-greppable --osh groupGenerateEgressKey --group {group} --algo ed25519", null, Ct);
        Assert.NotEqual("OK", refused.Code);

        // Personal keys rotate the same way, with the account's own plugin.
        Assert.Equal("ERR_MISSING_PARAMETER", (await Gateway.SshAsync(member, key, "--json-greppable --osh selfGenerateEgressKey --algo rsa", null, Ct)).Code);
        Assert.Equal("ERR_UNSUPPORTED_FEATURE", (await Gateway.SshAsync(member, key, "--json-greppable --osh selfGenerateEgressKey --algo ed25519 --encrypted", null, Ct)).Code);
        var personal = await Gateway.SshAsync(member, key, "--json-greppable --osh selfGenerateEgressKey --algo ecdsa --size 256", null, Ct);
        Assert.True(personal.Code == "OK", personal.ToString());
        Assert.Equal("ecdsa-sha2-nistp256", personal.Json["value"]!["typecode"]!.GetValue<string>());
        Assert.Equal(2, (await Gateway.SshAsync(member, key, "--json-greppable --osh selfListEgressKeys", null, Ct)).Json["value"]!.AsObject().Count);
    }

    [Fact]
    public async Task AnAdminConnectsAsAnotherAccount_WithSshAs_AndNobodyElseCan()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        // As the member, the admin has the member's accesses, keys and recordings.
        var impersonated = await Gateway.AdminAsync($"--ssh-as {member} {To()} -- id -un", Ct);
        Assert.True(impersonated.ExitCode == 0, impersonated.ToString());
        Assert.Equal(TargetUser + "\n", impersonated.Out);
        Assert.Contains($"ADMIN SUDO: {Gateway.Admin}, you'll now impersonate {member}, this has been logged.", impersonated.Error, StringComparison.Ordinal);

        // The connection is the member's session; the attempt is the admin's "sshas" row.
        var memberSessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        Assert.Contains(memberSessions.Json["value"]!.AsArray(), r => r!["returned"]!.GetValue<int>() == 0 && r["user"]!.GetValue<string>() == TargetUser);
        var adminSessions = await Gateway.AdminAsync("--json-greppable --osh selfListSessions --type sshas", Ct);
        Assert.Contains(adminSessions.Json["value"]!.AsArray(), r => r!["params"]?.GetValue<string>() == member && r["allowed"]!.GetValue<int>() == 1);

        var plugin = await Gateway.AdminAsync($"--json-greppable --ssh-as {member} --osh info", Ct);
        Assert.Equal((115, "KO_CONFLICTING_OPTIONS"), (plugin.ExitCode, plugin.Code));
        var nobody = await Gateway.AdminAsync($"--json-greppable --ssh-as nosuchaccount {To()} -- true", Ct);
        Assert.Equal((107, "KO_INVALID_ACCOUNT"), (nobody.ExitCode, nobody.Code));

        // Anyone else is refused, and the attempt is kept.
        var (other, otherKey) = await Gateway.CreateAccountAsync(Ct);
        var denied = await Gateway.SshAsync(other, otherKey, $"--json-greppable --ssh-as {member} {To()} -- true", null, Ct);
        Assert.Equal((106, "KO_SSHAS_DENIED"), (denied.ExitCode, denied.Code));
        var otherSessions = await Gateway.SshAsync(other, otherKey, "--json-greppable --osh selfListSessions --type sshas", null, Ct);
        Assert.Contains(otherSessions.Json["value"]!.AsArray(), r => r!["allowed"]!.GetValue<int>() == 0);
    }

    [Fact]
    public async Task AnInteractiveSessionGetsAPty_AndIsRecordedAsOneStream()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        var start = TerminalSsh(member, key, To());
        using var ssh = Process.Start(start)!;
        var output = ssh.StandardOutput.ReadToEndAsync(Ct);
        var error = ssh.StandardError.ReadToEndAsync(Ct);
        await ssh.StandardInput.WriteAsync("tty; echo \"answer-$((6*7))\"; exit 5\n");
        await ssh.StandardInput.FlushAsync(Ct);
        await ssh.WaitForExitAsync(Ct);
        var text = await output;
        Assert.True(ssh.ExitCode == 5, $"exit {ssh.ExitCode}\n{text}\n{await error}");
        Assert.Contains("answer-42", text, StringComparison.Ordinal);
        Assert.Contains("/dev/pts/", text, StringComparison.Ordinal);

        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        var id = sessions.Json["value"]!.AsArray().Single(s => s!["returned"]!.GetValue<int>() == 5)!["id"]!.GetValue<string>();
        var recordings = Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member);
        Assert.False(File.Exists(Path.Combine(recordings, id + ".stderr.cast")));
        Assert.Contains("answer-42", await AsciinemaCatAsync(Path.Combine(recordings, id + ".cast")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionFromTheInteractiveMode_GivesItsTerminalBackToThePromptAfterwards()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        await using var ssh = TerminalSession.Start(Gateway, member, key, "-q -i");
        await ssh.UntilAsync("(master)> ", Ct);
        // A remote shell on a pty of its own: the client's terminal goes raw for it...
        await ssh.TypeAsync($"ssh {To()}", Ct);
        await ssh.TypeAsync("echo \"inner-$((40+2))\"", Ct);
        await ssh.UntilAsync("inner-42", Ct);
        await ssh.TypeAsync("exit", Ct);
        // ... and comes back cooked for the prompt: the next line is echoed as typed, and runs.
        await ssh.UntilAsync("(master)> ", Ct, times: 2);
        await ssh.TypeAsync("selfListIngressKeys", Ct);
        await ssh.UntilAsync("1: ED25519 256 SHA256:", Ct);
        await ssh.TypeAsync("exit", Ct);
        Assert.True(await ssh.WaitForExitAsync(Ct) == 0, ssh.Text);
        Assert.Contains("selfListIngressKeys\r\n", ssh.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRemoteTerminalHasTheAccountsSize_AndFollowsItsResizes()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        await using var terminal = PtyRun.Run(
            $"stty rows 33 cols 101; ssh -F /dev/null -i '{key}' -p {Gateway.Port} -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=no " +
            $"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t {member}@127.0.0.1 -- {To()}");
        await terminal.TypeAsync("stty size\n"u8.ToArray(), Ct);
        await terminal.WaitForOutputAsync("33 101", Ct);

        // The user's terminal window changes: ssh, the front door, the entry program, the daemon and the egress ssh pass it on.
        var client = await SingleLineAsync("pgrep", "-n", "-f", $"ssh -F /dev/null -i {key}");
        await PtyRun.ResizeAsync(int.Parse(client, CultureInfo.InvariantCulture), 40, 120, Ct);
        await Task.Delay(300, Ct);
        await terminal.TypeAsync("stty size; exit 0\n"u8.ToArray(), Ct);
        var shown = await terminal.FinishAsync(Ct);
        Assert.Contains("40 120", shown, StringComparison.Ordinal);

        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        var id = sessions.Json["value"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var cast = await File.ReadAllLinesAsync(Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member, id + ".cast"), Ct);
        var header = JsonNode.Parse(cast[0])!;
        Assert.Equal((101, 33), (header["width"]!.GetValue<int>(), header["height"]!.GetValue<int>()));
        Assert.Contains(cast.Skip(1), line => line.Contains("\"r\", \"120x40\"", StringComparison.Ordinal) || line.Contains("\"r\",\"120x40\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AClientThatVanishesEndsItsSession(bool remoteTerminal)
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);
        var marker = "sleep " + Random.Shared.Next(400, 900).ToString(CultureInfo.InvariantCulture);

        await using var terminal = PtyRun.Run(
            $"ssh -F /dev/null -i '{key}' -p {Gateway.Port} -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=no " +
            $"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t {member}@127.0.0.1 -- {(remoteTerminal ? "-t " : "")}{To()} -- {marker}");
        for (var waited = 0; (await SingleLineAsync("pgrep", "-u", TargetUser, "-f", marker)).Length == 0; waited += 100)
        {
            Assert.True(waited < 20_000, "the remote command did not start");
            await Task.Delay(100, Ct);
        }

        // The user's ssh dies (a closed laptop, a killed terminal): the gateway's own ssh goes with it, and with a remote
        // terminal the remote command too (hung up). Without one, OpenSSH's server leaves a silent command running.
        await SingleLineAsync("pkill", "-KILL", "-f", $"ssh -F /dev/null -i {key}");
        var leftOver = remoteTerminal ? new[] { "-f", marker } : ["-u", "root", "-f", marker];
        for (var waited = 0; (await SingleLineAsync("pgrep", leftOver)).Length > 0; waited += 100)
        {
            Assert.True(waited < 20_000, "processes of the session outlived its client: " + await SingleLineAsync("pgrep", ["-a", .. leftOver]));
            await Task.Delay(100, Ct);
        }

        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        Assert.NotNull(sessions.Json["value"]!.AsArray().Single()!["timestamp_ended"]);
        await SingleLineAsync("pkill", "-u", TargetUser, "-f", marker);
    }

    [Theory]
    [InlineData("accountFreeze", "--reason 'left the team'", 131, "frozen (left the team)")]
    [InlineData("accountDelete", "--no-confirm", 120, "deleted")]
    public async Task FreezingOrDeletingAnAccountEndsItsRunningSessions(string plugin, string options, int exitCode, string told)
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);
        var marker = "sleep " + Random.Shared.Next(400, 900).ToString(CultureInfo.InvariantCulture);
        var running = Gateway.SshAsync(member, key, $"{To()} -- echo started; {marker}", null, Ct);
        for (var waited = 0; (await SingleLineAsync("pgrep", "-u", TargetUser, "-f", marker)).Length == 0; waited += 100)
        {
            Assert.True(waited < 20_000, "the remote command did not start");
            await Task.Delay(100, Ct);
        }

        // Not only the next login: the session already open is closed at once, and its user is told why.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh {plugin} --account {member} {options}", Ct)).Code);
        var ended = await running.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(exitCode, ended.ExitCode);
        Assert.Equal("started\n", ended.Out);
        Assert.Contains($"This session was closed by the bastion: the account {member} was {told}", ended.Error, StringComparison.Ordinal);
        await SingleLineAsync("pkill", "-u", TargetUser, "-f", marker);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASessionPastItsRecordingLimitIsClosed_AndNothingUnrecordedReachesTheClient(bool remoteTerminal)
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        // Twice the limit of output, without end: the session must be cut at the limit, not run on unrecorded.
        var limit = BastionGateway.RecordingMaxBytes;
        var flood = await Gateway.SshAsync(member, key, $"{(remoteTerminal ? "-t " : "")}{To()} -- yes rampart | head -c {limit * 2}", null, Ct)
            .WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(109, flood.ExitCode);
        Assert.Contains("This session was closed by the bastion: the session's recording reached its limit of 4194304 bytes of output", flood.Error,
            StringComparison.Ordinal);
        Assert.InRange(flood.Out.Length, 1, (int)limit);

        // The recording holds everything the client was shown (up to the limit), and the session says how it ended.
        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        var row = sessions.Json["value"]!.AsArray().Single()!;
        Assert.Equal(109, row["returned"]!.GetValue<int>());
        var recording = Directory.GetFiles(Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member), "*.cast")
            .Single(f => !f.EndsWith(".stderr.cast", StringComparison.Ordinal));
        var recorded = (await Rampart.Bastion.Recording.AsciicastReader.ReadAsync(recording, Ct)).Events.Where(e => e.Code == "o").Sum(e => e.Data.Length);
        Assert.InRange(recorded, flood.Out.Length, (int)limit);
    }

    [Fact]
    public async Task NoSessionOpensWhenItsRecordingCouldNotBeWrittenInFull()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await GroupWithServerAsync(member);

        // The account's recordings on a 1 MiB file system: less than the test gateway's 4 MiB cap per session.
        var recordings = Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member);
        Directory.CreateDirectory(recordings);
        var mounted = await SingleLineAsync("sh", "-c", $"mount -t tmpfs -o size=1m,mode=0700 tmpfs '{recordings}' && echo mounted");
        Assert.SkipUnless(mounted == "mounted", "needs to mount a tmpfs");
        try
        {
            var refused = await Gateway.SshAsync(member, key, $"--json-greppable {To()} -- true", null, Ct);
            Assert.Equal(109, refused.ExitCode);
            Assert.Equal("KO_OUT_OF_SPACE", refused.Code);
            Assert.Contains("Not enough space left to record this session (1 MiB free, 4 MiB needed)", refused.Error, StringComparison.Ordinal);
            var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
            var row = sessions.Json["value"]!.AsArray().Single()!;
            Assert.Equal((0, 109), (row["allowed"]!.GetValue<int>(), row["returned"]!.GetValue<int>()));
        }
        finally
        {
            await SingleLineAsync("umount", recordings);
        }

        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{To()} -- true", null, Ct)).ExitCode);
    }

    private static async Task<string> SingleLineAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return output.Trim();
    }

    [Fact]
    public async Task ATargetWhoseHostKeyChangedIsRefused()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        await using var target = await SshServer.StartAsync(Ct);
        target.AllowOtherUsers();
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = "hk" + member[3..];
        var created = await Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {group} --algo ed25519 --owner {Gateway.Admin}", Ct);
        await File.WriteAllTextAsync(target.Home.Combine("authorized_keys"), created.Json["value"]!["public_key"]!["line"]!.GetValue<string>() + "\n", Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync(
            $"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {target.Port} --user {TargetUser} --force", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddMember --group {group} --account {member}", Ct)).Code);
        var to = $"{TargetUser}@127.0.0.1 -p {target.Port}";
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{to} -- true", null, Ct)).ExitCode);

        // Trusted on first use, then pinned: a server answering with another key may be an impostor.
        await target.ReplaceHostKeyAsync(Ct);
        var refused = await Gateway.SshAsync(member, key, $"{to} -- echo should-not-run", null, Ct);
        Assert.Equal(255, refused.ExitCode);
        Assert.DoesNotContain("should-not-run", refused.Out, StringComparison.Ordinal);
        Assert.Contains("host key", refused.Error, StringComparison.OrdinalIgnoreCase);

        // After checking the change is legitimate, the account forgets the old key (selfForgetHostKey) and trusts anew.
        var entry = $"[127.0.0.1]:{target.Port}";
        var forgot = await Gateway.SshAsync(member, key, $"--json-greppable --osh selfForgetHostKey --host 127.0.0.1 --port {target.Port}", null, Ct);
        Assert.Equal("OK", forgot.Code);
        Assert.Equal("OK_DELETED", forgot.Json["value"]![entry]!["action"]!.GetValue<string>());
        var again = await Gateway.SshAsync(member, key, $"--json-greppable --osh selfForgetHostKey --host 127.0.0.1 --port {target.Port}", null, Ct);
        Assert.Equal("OK_NO_MATCH", again.Json["value"]![entry]!["action"]!.GetValue<string>());
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{to} -- true", null, Ct)).ExitCode);

        // Or an admin does it for every account at once (assetForgetHostKey, restricted).
        await target.ReplaceHostKeyAsync(Ct);
        Assert.Equal(255, (await Gateway.SshAsync(member, key, $"{to} -- true", null, Ct)).ExitCode);
        var notGranted = await Gateway.SshAsync(member, key, $"--json-greppable --osh assetForgetHostKey --host 127.0.0.1 --port {target.Port}", null, Ct);
        Assert.Equal((106, "KO_RESTRICTED_COMMAND"), (notGranted.ExitCode, notGranted.Code));
        var everyone = await Gateway.AdminAsync($"--json-greppable --osh assetForgetHostKey --host 127.0.0.1 --port {target.Port}", Ct);
        Assert.Equal("OK", everyone.Code);
        Assert.Equal(1, everyone.Json["value"]!["changed_files"]!.GetValue<int>());
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh assetForgetHostKey --host 127.0.0.1 --port {target.Port}", Ct)).Code);
        Assert.Equal("ERR_INVALID_PARAMETER", (await Gateway.AdminAsync("--json-greppable --osh assetForgetHostKey --host 127.0.0.0/8", Ct)).Code);
        Assert.Equal(0, (await Gateway.SshAsync(member, key, $"{to} -- true", null, Ct)).ExitCode);
    }

    [Fact]
    public async Task MaintenanceModeKeepsEveryoneButAdminsOut()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var locked = await Gateway.AdminAsync("--json-greppable --osh adminMaintenance --lock --message 'upgrading'", Ct);
        Assert.Equal("OK", locked.Code);
        try
        {
            var refused = await Gateway.SshAsync(member, key, "--json-greppable --osh info", null, Ct);
            Assert.Equal(118, refused.ExitCode);
            Assert.DoesNotContain("JSON", refused.Out, StringComparison.Ordinal);
            Assert.Contains("upgrading", refused.Error, StringComparison.Ordinal);
            Assert.Equal(0, (await Gateway.AdminAsync("--json-greppable --osh info", Ct)).ExitCode);
        }
        finally
        {
            Assert.Equal("OK", (await Gateway.AdminAsync("--json-greppable --osh adminMaintenance --unlock", Ct)).Code);
        }

        Assert.Equal(0, (await Gateway.SshAsync(member, key, "--json-greppable --osh info", null, Ct)).ExitCode);
    }

    /// <summary><c>ssh -tt ACCOUNT@bastion -- COMMAND</c> with a terminal on the far side, as a person's ssh would.</summary>
    private ProcessStartInfo TerminalSsh(string account, string key, string command)
    {
        var start = Infrastructure.ProcessRun.Start("ssh",
        [
            "-F", "/dev/null", "-i", key, "-p", Gateway.Port.ToString(CultureInfo.InvariantCulture), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-tt", account + "@127.0.0.1", "--", command,
        ]);
        start.Environment["TERM"] = "xterm";
        return start;
    }

    private Task<string> GroupWithServerAsync(string member) => fixture.GroupWithServerAsync(member, Ct);

    private Task TrustAsync(string publicKeyLine) => fixture.TrustAsync(publicKeyLine, Ct);

    private static async Task<string> AsciinemaCatAsync(string recording)
    {
        // asciinema reads keys from /dev/tty even for cat, so it runs on a pseudo-terminal of its own.
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-q", "-e", "-c", $"asciinema cat '{recording}'", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"asciinema cat {recording}: {await error}");
        return await output;
    }
}
