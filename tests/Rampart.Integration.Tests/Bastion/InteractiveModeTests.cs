using System.Diagnostics;
using System.Globalization;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The Bastion's interactive mode and the shell's own help, through a real <c>ssh</c> with a terminal: a login without a
/// command prints the help and enters the prompt, each line is an osh command or an <c>ssh</c> connection run as if sent
/// after <c>--</c>, and an idle prompt disconnects.
/// </summary>
public sealed class InteractiveModeTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task ALoginWithoutACommandEntersTheInteractiveMode_WhereLinesAreOshCommandsOrConnections()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var run = await SshAsync(account, key, ["-tt"], "info\nhelp\nnosuchcommand\nssh root@127.0.0.1 -p 1 -- true\n  \nexit\n");
        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("quick usage", run.Output, StringComparison.Ordinal);
        Assert.Contains("No command specified, entering interactive mode by default", run.Output, StringComparison.Ordinal);
        Assert.Contains("Welcome to test-bastion interactive mode", run.Output, StringComparison.Ordinal);
        Assert.Contains($"You'll be disconnected after {BastionGateway.InteractiveModeTimeout} seconds of inactivity.", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{account}\e[1;35m@\e[32mtest-bastion", run.Output, StringComparison.Ordinal);
        Assert.Contains($"You are {account}", run.Output, StringComparison.Ordinal);
        Assert.Contains("Under interactive mode, additional builtin commands are supported", run.Output, StringComparison.Ordinal);
        Assert.Contains("Unknown command", run.Output, StringComparison.Ordinal);
        // "ssh ARGS" is a connection attempt like any other: this one is refused, and the prompt comes back.
        Assert.Contains($"Access denied for {account} to root@127.0.0.1:1", run.Output, StringComparison.Ordinal);
        Assert.Contains("Goodbye!", run.Output, StringComparison.Ordinal);

        // The session and each line in it are runs of their own, logged as such.
        var sessions = await Gateway.SshAsync(account, key, "--json-greppable --osh selfListSessions", null, Ct);
        var rows = sessions.Json["value"]!.AsArray();
        Assert.Contains(rows, r => r!["type"]!.GetValue<string>() == "interactive" && r["returned"]!.GetValue<int>() == 0);
        Assert.Contains(rows, r => r!["plugin"]?.GetValue<string>() == "info");
        Assert.Contains(rows, r => r!["type"]!.GetValue<string>() == "ssh" && r["allowed"]!.GetValue<int>() == 0);
    }

    [Fact]
    public async Task DashIOpensTheInteractiveMode_UntilTheInputEnds_OrItIsIdleTooLong()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        // Without a terminal too: end of input is ^D.
        var piped = await SshAsync(account, key, ["-T", "--", "-q -i"], "selfListIngressKeys\n");
        Assert.True(piped.Code == 0, piped.Output);
        Assert.Contains($"{account}@test-bastion(master)> ", piped.Output, StringComparison.Ordinal);
        Assert.Contains("1: ED25519 256 SHA256:", piped.Output, StringComparison.Ordinal);
        Assert.Contains("Goodbye!", piped.Output, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var idle = await SshAsync(account, key, ["-tt", "--", "-i"], null, holdInputOpen: TimeSpan.FromSeconds(BastionGateway.InteractiveModeTimeout + 20));
        Assert.True(idle.Code == 0, idle.Output);
        Assert.Contains("Idle timeout, goodbye!", idle.Output, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, BastionGateway.InteractiveModeTimeout - 1, BastionGateway.InteractiveModeTimeout + 15);
    }

    [Fact]
    public async Task TheMfaBuiltinAsksTheFactorsOnce_UntilNomfa()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);
        const string Password = "interactive-9";
        Assert.Equal("OK", (await Gateway.SshAsync(account, key, "--json-greppable --osh selfMFASetupPassword", $"{Password}\n{Password}\n", Ct)).Code);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {account} --pam-auth-bypass yes", Ct)).Code);

        // Removing a factor asks the factors (mfa_required: any): not after "mfa", again after "nomfa".
        var run = await SshAsync(account, key, ["-T", "--", "-i"],
            $"mfa\n{Password}\nselfMFAResetTOTP\nnomfa\nnomfa\nselfMFAResetTOTP\nwrong-answer\n");
        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("Proactive MFA enabled, any command requiring MFA from now on will not ask you again.", run.Output, StringComparison.Ordinal);
        Assert.Contains("\e[36mmaster\e[1;35m)[\e[33mMFA-OK\e[1;35m]\e[0m\e[32m>", run.Output, StringComparison.Ordinal);
        Assert.Contains("... you already validated MFA proactively.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Your proactive MFA validation has been forgotten.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing to do, you didn't proactively validate MFA.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Multi-Factor Authentication failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheShellsOwnHelpAndDashIRefusals()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (account, key) = await Gateway.CreateAccountAsync(Ct);

        var help = await Gateway.SshAsync(account, key, "--help", null, Ct);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Enter interactive mode for osh:   test-bastion -i", help.Error, StringComparison.Ordinal);
        var helpJson = await Gateway.SshAsync(account, key, "--json-greppable --help", null, Ct);
        Assert.Equal((0, "OK"), (helpJson.ExitCode, helpJson.Code));
        Assert.Null(helpJson.Json["command"]);

        var longHelp = await Gateway.SshAsync(account, key, "--long-help", null, Ct);
        Assert.Equal(0, longHelp.ExitCode);
        Assert.Contains("--json-greppable", longHelp.Error, StringComparison.Ordinal);
        Assert.Contains("--osh rsync --", longHelp.Error, StringComparison.Ordinal);

        var both = await Gateway.SshAsync(account, key, "--json-greppable -i --osh info", null, Ct);
        Assert.Equal((115, "KO_CONFLICTING_OPTIONS"), (both.ExitCode, both.Code));
    }

    private async Task<(int Code, string Output)> SshAsync(string account, string key, string[] arguments, string? input, TimeSpan? holdInputOpen = null)
    {
        string[] common =
        [
            "-F", "/dev/null", "-i", key, "-p", Gateway.Port.ToString(CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR",
        ];
        var split = Array.IndexOf(arguments, "--");
        var options = split < 0 ? arguments : arguments[..split];
        var command = split < 0 ? [] : arguments[split..];
        var start = ProcessRun.Start("ssh", [.. common, .. options, account + "@127.0.0.1", .. command]);

        var result = await ProcessRun.RunAsync(start, input, Ct, holdInputOpen);
        return (result.Code, result.Output);
    }
}
