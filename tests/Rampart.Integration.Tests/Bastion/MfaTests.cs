using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// Multi-factor authentication through a real <c>ssh</c>: the MFA password and TOTP an account sets up are asked at
/// every login; groups and personal accesses that require MFA ask it again just in time before a connection; the
/// bastion-wide and per-account rules make an account set a factor up first; scp-style clients get a token. Without a
/// terminal the answers are read from stdin, one line each, which is how these tests type them.
/// </summary>
public sealed partial class MfaTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private const string Password = "first-secret-9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway.Gateway;

    private string To => $"{fixture.TargetUser!.Name}@127.0.0.1 -p {fixture.Target!.Port.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task ATotpSetUpIsAskedAtEveryLogin_EachCodeOnce_UntilAnAdminResetsIt()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var setup = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupTOTP --no-confirm", null, Ct);
        Assert.True(setup.Code == "OK", setup.ToString());
        var secret = Base32.Decode(SecretLine().Match(setup.Error).Groups[1].Value)!;
        Assert.Equal(20, secret.Length);
        Assert.Contains("otpauth://totp/test-bastion:" + account + "?secret=", setup.Error, StringComparison.Ordinal);

        // No answer (stdin ends), then a wrong one: refused at login, before anything runs, without JSON.
        var none = await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct);
        Assert.True(none.ExitCode == 125, none.ToString());
        Assert.Contains("Verification code: ", none.Error, StringComparison.Ordinal);
        Assert.Contains("Multi-Factor Authentication failed", none.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON_OUTPUT", none.Out, StringComparison.Ordinal);
        var wrong = await Gateway.SshAsync(account, key, "--json-greppable --osh info", "000000\n", Ct);
        Assert.Equal(125, wrong.ExitCode);

        var step = Totp.StepAt(TimeProvider.System.GetUtcNow());
        var code = Totp.Code(secret, step);
        var info = await Gateway.SshAsync(account, key, "--json-greppable --osh info", code + "\n", Ct);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(1, info.Json["value"]!["mfa_totp_configured"]!.GetValue<int>());
        Assert.Equal(0, info.Json["value"]!["mfa_password_configured"]!.GetValue<int>());

        // The same code again is refused: it was spent. The next step's code is good.
        Assert.Equal(125, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", code + "\n", Ct)).ExitCode);
        var next = await Gateway.SshAsync(account, key, "--json-greppable --osh info", Totp.Code(secret, step + 1) + "\n", Ct);
        Assert.True(next.ExitCode == 0, next.ToString());

        // The admin sees it, and resets it; then no code is asked.
        var seen = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {account}", Ct);
        Assert.Equal(1, seen.Json["value"]!["mfa_totp_configured"]!.GetValue<int>());
        var reset = await Gateway.AdminAsync($"--json-greppable --osh accountMFAResetTOTP --account {account}", Ct);
        Assert.Equal("OK", reset.Code);
        Assert.Equal("OK_NO_CHANGE", (await Gateway.AdminAsync($"--json-greppable --osh accountMFAResetTOTP --account {account}", Ct)).Code);
        var free = await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct);
        Assert.True(free.ExitCode == 0, free.ToString());
        Assert.Equal(0, free.Json["value"]!["mfa_totp_configured"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnMfaPassword_IsSetTwice_AskedAtLogin_ChangedWithTheOldOne_AndRobotsSkipIt()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var mismatch = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\nsomething-else\n", Ct);
        Assert.Equal("ERR_PASSWD_FAILED", mismatch.Code);
        var tooShort = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword", "short\nshort\n", Ct);
        Assert.Equal("ERR_PASSWD_FAILED", tooShort.Code);
        var set = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\n{Password}\n", Ct);
        Assert.True(set.Code == "OK", set.ToString());
        Assert.DoesNotContain(Password, set.Out + set.Error, StringComparison.Ordinal);

        Assert.Equal(125, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", "not-the-password\n", Ct)).ExitCode);
        var info = await Gateway.SshAsync(account, key, "--json-greppable --osh info", Password + "\n", Ct);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(1, info.Json["value"]!["mfa_password_configured"]!.GetValue<int>());

        // Changing it takes the login's answer, then the current password, then the new one twice.
        const string NewPassword = "second-secret-9";
        var wrongCurrent = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword",
            $"{Password}\nnot-it\n{NewPassword}\n{NewPassword}\n", Ct);
        Assert.Equal("ERR_PASSWD_FAILED", wrongCurrent.Code);
        var changed = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword",
            $"{Password}\n{Password}\n{NewPassword}\n{NewPassword}\n", Ct);
        Assert.True(changed.Code == "OK", changed.ToString());
        Assert.Equal(125, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", Password + "\n", Ct)).ExitCode);

        // Nothing but the hash is kept: neither password is anywhere in the daemon's data.
        foreach (var file in Directory.EnumerateFiles(Gateway.Daemon.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(NewPassword)), $"{file} holds the MFA password");
        }

        // A robot account is never asked at login (--pam-auth-bypass), and the account can remove its password.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --pam-auth-bypass yes", Ct)).Code);
        var robot = await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct);
        Assert.True(robot.ExitCode == 0, robot.ToString());
        Assert.Equal(1, robot.Json["value"]!["mfa_password_configured"]!.GetValue<int>());
        // Removing a factor asks the factors first (mfa_required: any), since nothing was asked at this login.
        var removeRefused = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFAResetPassword", "wrong-one\n", Ct);
        Assert.Equal((125, "KO_MFA_FAILED"), (removeRefused.ExitCode, removeRefused.Code));
        var removed = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFAResetPassword", NewPassword + "\n", Ct);
        Assert.True(removed.Code == "OK", removed.ToString());
        Assert.Contains("entering MFA phase", removed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupThatRequiresMfa_AsksItJustInTime_AndRefusesAnAccountWithoutTheFactor()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --mfa-required password", Ct)).Code);

        // No password set up: the connection is refused with The Bastion's 122, and the attempt is logged.
        var refused = await Gateway.SshAsync(member, key, $"--json-greppable {To} -- echo reached", null, Ct);
        Assert.True(refused.ExitCode == 122, refused.ToString());
        Assert.Equal("KO_MFA_PASSWORD_SETUP_REQUIRED", refused.Code);
        Assert.Null(refused.Json["command"]);
        Assert.Contains("selfMFASetupPassword", refused.Json["error_message"]!.GetValue<string>(), StringComparison.Ordinal);

        // A robot-style account with a password: nothing asked at login, the password asked before the connection.
        Assert.Equal("OK", (await Gateway.SshAsync(member, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\n{Password}\n", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {member} --pam-auth-bypass yes", Ct)).Code);
        var wrong = await Gateway.SshAsync(member, key, $"{To} -- echo reached", "nope\n", Ct);
        Assert.True(wrong.ExitCode == 125, wrong.ToString());
        Assert.DoesNotContain("reached", wrong.Out, StringComparison.Ordinal);
        var allowed = await Gateway.SshAsync(member, key, $"{To} -- echo reached", Password + "\n", Ct);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal("reached\n", allowed.Out);
        Assert.Contains("As this is required for this host, entering MFA phase for " + member, allowed.Error, StringComparison.Ordinal);

        // --proactive-mfa answers it up front: the connection then asks nothing more.
        var proactive = await Gateway.SshAsync(member, key, $"--proactive-mfa {To} -- echo reached", Password + "\n", Ct);
        Assert.True(proactive.ExitCode == 0, proactive.ToString());
        Assert.Contains("you already validated MFA proactively", proactive.Error, StringComparison.Ordinal);

        // The server is told the factors were asked, and which the account has (LC_BASTION_DETAILS, as The Bastion).
        var told = await Gateway.SshAsync(member, key, $"{To} -- printenv LC_BASTION_DETAILS", Password + "\n", Ct);
        Assert.True(told.ExitCode == 0, told.ToString());
        var mfa = System.Text.Json.Nodes.JsonNode.Parse(told.Out)![0]!["mfa"]!;
        Assert.True(mfa["validated"]!.GetValue<bool>());
        Assert.Equal((true, false), (mfa["type"]!["password"]!.GetValue<bool>(), mfa["type"]!["totp"]!.GetValue<bool>()));

        // A group without the requirement asks nothing: the member's other access is unaffected.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --mfa-required none", Ct)).Code);
        var plain = await Gateway.SshAsync(member, key, $"{To} -- echo reached", null, Ct);
        Assert.True(plain.ExitCode == 0, plain.ToString());
    }

    [Fact]
    public async Task ScpStyleClientsGetATokenAfterMfa_AndATransferWithoutOneIsRefused()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        var target = $"--host 127.0.0.1 --port {fixture.Target!.Port.ToString(CultureInfo.InvariantCulture)} --user {fixture.TargetUser!.Name}";
        Assert.Equal("OK", (await Gateway.AdminAsync(
            $"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {fixture.Target.Port.ToString(CultureInfo.InvariantCulture)} --protocol scpdownload", Ct)).Code);

        // Without a requirement the token is "notrequired", as The Bastion's.
        var free = await Gateway.SshAsync(member, key, $"--osh scp {target} --generate-mfa-token", null, Ct);
        Assert.Equal((0, "MFA_TOKEN=notrequired\n"), (free.ExitCode, free.Out));

        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --mfa-required password", Ct)).Code);
        Assert.Equal("OK", (await Gateway.SshAsync(member, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\n{Password}\n", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {member} --pam-auth-bypass yes", Ct)).Code);

        var token = await Gateway.SshAsync(member, key, $"--osh scp {target} --generate-mfa-token", Password + "\n", Ct);
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.Matches("^MFA_TOKEN=v1,[0-9]+,[0-9a-f]{64}\n$", token.Out);

        // The transfer itself cannot prompt: without the token it is refused before reaching the host.
        const string ScpCommand = "scp#-f#/etc/hostname"; // The Bastion's encoding: # for a space
        var noToken = await Gateway.SshAsync(member, key, $"--json-greppable --osh scp {target} --scp-cmd {ScpCommand}", null, Ct);
        Assert.True(noToken.Out.Contains("KO_JIT_MFA_REQUIRED_NO_TOKEN", StringComparison.Ordinal), noToken.ToString());
        var forged = await Gateway.SshAsync(member, key,
            $"--json-greppable --osh scp {target} --scp-cmd {ScpCommand} --mfa-token v1,{TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()},{new string('0', 64)}", null, Ct);
        Assert.True(forged.Out.Contains("KO_MFA_FAILED_INVALID_TOKEN", StringComparison.Ordinal), forged.ToString());

        // With it, the transfer starts: scp's protocol begins with the file's header line.
        var withToken = await Gateway.SshAsync(member, key,
            $"--osh scp {target} --scp-cmd {ScpCommand} --mfa-token {token.Out.Trim()["MFA_TOKEN=".Length..]}", "\0\0\0", Ct);
        Assert.True(withToken.Out.StartsWith('C'), withToken.ToString());
    }

    [Fact]
    public async Task TheScpWrapperAsksTheFactorOnTheTerminal_ThenTransfersWithTheToken()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        var port = fixture.Target!.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {port} --protocol scpdownload", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --mfa-required password", Ct)).Code);
        using var work = new Infrastructure.TempDirectory();
        var scp = await TransferWrappers.InstallAsync(Gateway, member, key, "scp", work, Ct);
        Assert.Equal("OK", (await Gateway.SshAsync(member, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\n{Password}\n", Ct)).Code);
        var copy = work.Combine("hostname.copy");

        // The wrapper's first call asks the password (at login; the host's requirement is then met) and gets a token;
        // the transfer passes it. Local echo is off while the password is typed.
        await using var terminal = PtyRun.Run(
            $"'{scp}' -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -P {port} "
            + $"{fixture.TargetUser!.Name}@127.0.0.1:/etc/hostname '{copy}'; echo \"status=$?\"");
        await terminal.WaitForOutputAsync("Password: ", Ct);
        await terminal.TypeAsync(Encoding.UTF8.GetBytes(Password + "\n"), Ct);
        var output = await terminal.FinishAsync(Ct);
        Assert.True(output.Contains("status=0", StringComparison.Ordinal), output);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync("/etc/hostname", Ct), await File.ReadAllTextAsync(copy, Ct));
    }

    [Fact]
    public async Task TheBastionsPolicyOrTheAccountsRuleMakesItSetAFactorUpFirst()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --mfa-totp-required yes", Ct)).Code);

        var refused = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys", null, Ct);
        Assert.True(refused.ExitCode == 123, refused.ToString());
        Assert.Equal("KO_MFA_TOTP_SETUP_REQUIRED", refused.Code);
        Assert.Null(refused.Json["command"]);
        // help, info and the setup plugins still run.
        Assert.Equal(1, (await Gateway.SshAsync(account, key, "--json-greppable --osh info", null, Ct)).Json["value"]!["mfa_totp_required"]!.GetValue<int>());
        var setup = await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupTOTP --no-confirm", null, Ct);
        Assert.Equal("OK", setup.Code);
        var secret = Base32.Decode(SecretLine().Match(setup.Error).Groups[1].Value)!;
        var now = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListIngressKeys",
            Totp.Code(secret, Totp.StepAt(TimeProvider.System.GetUtcNow())) + "\n", Ct);
        Assert.True(now.Code == "OK", now.ToString());

        // Bypass is a rule too; bad values change nothing.
        var bad = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --mfa-password-required maybe", Ct);
        Assert.Equal("ERR_INVALID_PARAMETER", bad.Code);
        var bypass = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --mfa-password-required bypass --personal-egress-mfa-required totp", Ct);
        Assert.Equal("OK", bypass.Json["value"]!["mfa_password_required"]!["error_code"]!.GetValue<string>());
        var shown = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {account}", Ct);
        Assert.Equal(1, shown.Json["value"]!["mfa_password_bypass"]!.GetValue<int>());
        Assert.Equal("totp", shown.Json["value"]!["personal_egress_mfa_required"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnATerminal_TheAnswerIsNotEchoed()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        Assert.Equal("OK", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\n{Password}\n", Ct)).Code);

        await using var terminal = PtyRun.Run(
            $"ssh -tt -F /dev/null -i {key} -p {Gateway.Port.ToString(CultureInfo.InvariantCulture)} -o BatchMode=yes -o IdentitiesOnly=yes "
            + $"-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR {account}@127.0.0.1 -- --osh info");
        await terminal.WaitForOutputAsync("Password: ", Ct);
        // A typo fixed with backspace, then Enter.
        await terminal.TypeAsync(Encoding.UTF8.GetBytes(Password + "x\u007f\r"), Ct);
        var output = await terminal.FinishAsync(Ct);
        Assert.Contains("You are " + account, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [GeneratedRegex(@"secret: ([A-Z2-7]+)")]
    private static partial Regex SecretLine();
}
