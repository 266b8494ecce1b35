using System.Diagnostics;
using System.Globalization;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// Idle egress sessions, as The Bastion's recorder handles them: a group's idle lock and kill timeouts, the lock
/// screen that drops what is typed until <c>--osh unlock</c> comes from another session, <c>--osh lock</c> by hand,
/// accounts exempt with <c>--idle-ignore</c>, and the kill that also ends a command without a terminal.
/// </summary>
public sealed class IdleTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway.Gateway;

    private string To() => $"{fixture.TargetUser!.Name}@127.0.0.1 -p {fixture.Target!.Port.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task AGroupsIdleLockLocksATerminalSession_OnlyAnUnlockFromAnotherSessionOpensIt_AndTheIdleKillEndsIt()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        var modified = await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --idle-lock-timeout 3 --idle-kill-timeout 12", Ct);
        Assert.True(modified.Code == "OK", modified.ToString());

        await using var ssh = TerminalSession.Start(Gateway, member, key, To());
        await ssh.TypeAsync("echo \"before-$((40+2))\"", Ct);
        await ssh.UntilAsync("before-42", Ct);
        await ssh.UntilAsync("This session is LOCKED", Ct);
        Assert.Contains("Locked after 3 seconds without input", ssh.Text, StringComparison.Ordinal);
        Assert.Contains("To unlock, use '--osh unlock' from another console.", ssh.Text, StringComparison.Ordinal);

        // Typed on the locked terminal: dropped, the server never sees it.
        await ssh.TypeAsync("echo \"locked-$((40+3))\"", Ct);
        await Task.Delay(500, Ct);
        var unlock = await Gateway.SshAsync(member, key, "--json-greppable --osh unlock", null, Ct);
        Assert.True(unlock.Code == "OK", unlock.ToString());
        Assert.Contains("Sent unlock signal to 1 session", unlock.Out, StringComparison.Ordinal);
        await ssh.TypeAsync("echo \"after-$((40+4))\"", Ct);
        await ssh.UntilAsync("after-44", Ct);
        Assert.DoesNotContain("locked-43", ssh.Text, StringComparison.Ordinal);

        // Left alone: locked again, then ended once the kill timeout has passed.
        await ssh.UntilAsync("This session was closed by the bastion: no input for 12 seconds", Ct);
        Assert.Equal(117, await ssh.WaitForExitAsync(Ct));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(ssh.Text, "This session is LOCKED"));

        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        var id = sessions.Json["value"]!.AsArray().Single(s => s!["returned"]!.GetValue<int>() == 117)!["id"]!.GetValue<string>();
        var recording = await File.ReadAllTextAsync(
            Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member, id + ".cast"), Ct);
        Assert.Contains("after-44", recording, StringComparison.Ordinal);
        Assert.DoesNotContain("locked-43", recording, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockLocksEverySessionOfTheAccountByHand_AndAnAccountWithIdleIgnoreIsNeverLockedForIdleness()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --idle-lock-timeout 2", Ct)).Code);
        var ignore = await Gateway.AdminAsync($"--json-greppable --osh accountModify --account {member} --idle-ignore yes", Ct);
        Assert.Equal("OK", ignore.Json["value"]!["idle_ignore"]!["error_code"]!.GetValue<string>());
        var info = await Gateway.AdminAsync($"--json-greppable --osh accountInfo --account {member}", Ct);
        Assert.Equal(1, info.Json["value"]!["idle_ignore"]!.GetValue<int>());

        var none = await Gateway.SshAsync(member, key, "--json-greppable --osh lock", null, Ct);
        Assert.True(none.Code == "OK", none.ToString());
        Assert.Contains("Sent lock signal to 0 sessions", none.Out, StringComparison.Ordinal);

        await using var ssh = TerminalSession.Start(Gateway, member, key, To());
        await ssh.TypeAsync("echo \"first-$((40+2))\"", Ct);
        await ssh.UntilAsync("first-42", Ct);
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        Assert.DoesNotContain("LOCKED", ssh.Text, StringComparison.Ordinal);

        var locked = await Gateway.SshAsync(member, key, "--json-greppable --osh lock", null, Ct);
        Assert.True(locked.Code == "OK", locked.ToString());
        Assert.Contains("Sent lock signal to 1 session", locked.Out, StringComparison.Ordinal);
        await ssh.UntilAsync("Locked on request", Ct);
        // Another account's unlock does not reach it.
        var (other, otherKey) = await Gateway.CreateAccountAsync(Ct);
        Assert.Contains("Sent unlock signal to 0 sessions", (await Gateway.SshAsync(other, otherKey, "--osh unlock", null, Ct)).Out, StringComparison.Ordinal);
        await ssh.TypeAsync("echo \"while-locked-$((40+3))\"", Ct);

        Assert.Equal("OK", (await Gateway.SshAsync(member, key, "--json-greppable --osh unlock", null, Ct)).Code);
        await ssh.TypeAsync("echo \"unlocked-$((40+4))\"; exit 3", Ct);
        await ssh.UntilAsync("unlocked-44", Ct);
        Assert.Equal(3, await ssh.WaitForExitAsync(Ct));
        Assert.DoesNotContain("while-locked-43", ssh.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIdleKillAlsoEndsACommandWithoutATerminal_WithTheBastionsSignalStatus()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --idle-kill-timeout 3", Ct)).Code);

        var clock = Stopwatch.StartNew();
        var run = await Gateway.SshAsync(member, key, $"{To()} -- echo started; sleep 30; echo never", null, Ct);
        Assert.True(run.ExitCode == 117, run.ToString());
        Assert.InRange(clock.Elapsed.TotalSeconds, 3, 20);
        Assert.Contains("started", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("never", run.Out, StringComparison.Ordinal);
        Assert.Contains("This session was closed by the bastion: no input for 3 seconds", run.Error, StringComparison.Ordinal);

        // Back to the bastion-wide value (none here): the same command runs to its end.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupModify --group {group} --idle-kill-timeout -1", Ct)).Code);
        var quiet = await Gateway.SshAsync(member, key, $"{To()} -- sleep 5; echo done", null, Ct);
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Contains("done", quiet.Out, StringComparison.Ordinal);
    }
}
