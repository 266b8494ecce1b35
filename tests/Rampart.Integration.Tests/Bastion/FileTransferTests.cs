using System.Globalization;
using System.Security.Cryptography;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// scp, sftp and rsync through the bastion, driven by the real OpenSSH and rsync clients: the wrapper scripts the
/// account gets from <c>--osh scp</c> and <c>--osh sftp</c>, rsync's <c>--rsh</c>, and the raw calls The Bastion's
/// helpers make. A transfer needs ssh access and a grant of its own protocol on the same key, as in The Bastion.
/// </summary>
public sealed class FileTransferTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway.Gateway;

    private SshServer Target => fixture.Target!;

    private string TargetUser => fixture.TargetUser!.Name;

    private string TargetHome => Path.Combine("/home", TargetUser);

    private string TargetPort => Target.Port.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("scp")]
    [InlineData("sftp")]
    public async Task TheWrapperScriptIsHandedOutReadyToInstall(string plugin)
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        using var work = new TempDirectory();

        var human = await Gateway.SshAsync(member, key, $"--osh {plugin}", null, Ct);
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains($"|base64 -d|gunzip -c > ~/{plugin}-via-test-bastion && chmod +x ~/{plugin}-via-test-bastion", human.Out, StringComparison.Ordinal);

        var script = await InstallWrapperAsync(member, key, plugin, work);
        var text = await File.ReadAllTextAsync(script, Ct);
        Assert.StartsWith("#!/usr/bin/env bash\n", text, StringComparison.Ordinal);
        // The account's own way to the bastion, as bastion_command says, without the interactive -t and "--".
        Assert.Contains($"bastion_cmd=('ssh' '{member}@127.0.0.1' '-p' '{Gateway.Port}')", text, StringComparison.Ordinal);
        var syntax = await RunAsync("bash", ["-n", script], work.Path);
        Assert.True(syntax.Code == 0, syntax.Output);

        var usage = await RunAsync(script, [], work.Path);
        Assert.Equal(1, usage.Code);
        Assert.Contains("sage: ", usage.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScpNeedsAGrantForEachDirection_AndMovesFilesBothWays()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        using var work = new TempDirectory();
        var scp = await InstallWrapperAsync(member, key, "scp", work);
        var upload = work.Combine("upload.bin");
        await File.WriteAllBytesAsync(upload, RandomNumberGenerator.GetBytes(1 << 20), Ct);
        string[] Options() => ["-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-P", TargetPort];

        // Ssh access alone is not enough.
        var refused = await RunAsync(scp, [.. Options(), upload, $"{TargetUser}@127.0.0.1:uploaded.bin"], work.Path);
        Assert.True(refused.Code != 0, refused.Output);
        Assert.Contains($"Sorry, you have ssh access to {TargetUser}@127.0.0.1:{TargetPort}, but you need to be granted specifically for scpupload",
            refused.Output, StringComparison.Ordinal);

        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {TargetPort} --protocol scpupload", Ct)).Code);
        var uploaded = await RunAsync(scp, [.. Options(), upload, $"{TargetUser}@127.0.0.1:uploaded.bin"], work.Path);
        Assert.True(uploaded.Code == 0, uploaded.Output);
        Assert.Contains($">>> Hello {member}, transferring your file through the bastion to {TargetUser}@127.0.0.1:{TargetPort}...", uploaded.Output, StringComparison.Ordinal);
        Assert.Contains(">>> Done, scp exited successfully.", uploaded.Output, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(upload, Ct), await File.ReadAllBytesAsync(Path.Combine(TargetHome, "uploaded.bin"), Ct));

        // The upload grant does not allow downloads. The legacy --scpdown switch grants them.
        var download = work.Combine("downloaded.bin");
        var noDownload = await RunAsync(scp, [.. Options(), $"{TargetUser}@127.0.0.1:uploaded.bin", download], work.Path);
        Assert.True(noDownload.Code != 0, noDownload.Output);
        Assert.Contains("granted specifically for scpdownload", noDownload.Output, StringComparison.Ordinal);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {TargetPort} --scpdown", Ct)).Code);

        // Larger than the gateway's recording cap: file content is not recorded, so it does not count.
        var big = Path.Combine(TargetHome, "big.bin");
        await File.WriteAllBytesAsync(big, RandomNumberGenerator.GetBytes((int)BastionGateway.RecordingMaxBytes + (1 << 20)), Ct);
        var downloaded = await RunAsync(scp, [.. Options(), $"{TargetUser}@127.0.0.1:big.bin", download], work.Path);
        Assert.True(downloaded.Code == 0, downloaded.Output);
        Assert.Contains("through the bastion from", downloaded.Output, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(big, Ct), await File.ReadAllBytesAsync(download, Ct));

        var missing = await RunAsync(scp, [.. Options(), $"{TargetUser}@127.0.0.1:no-such-file", download], work.Path);
        Assert.True(missing.Code != 0, missing.Output);
        Assert.Contains("Error launching transfer", missing.Output, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", missing.Output, StringComparison.Ordinal);

        // Each transfer is a session of the account's, with its target, and its recording keeps stderr only.
        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type osh", null, Ct);
        var transfers = sessions.Json["value"]!.AsArray().Where(s => s!["plugin"]?.GetValue<string>() == "scp" && s["to"] is not null).ToList();
        Assert.True(transfers.Count >= 4, sessions.ToString());
        Assert.All(transfers, s => Assert.Equal(Target.Port, s!["to"]!["port"]!.GetValue<int>()));
        var recordings = Path.Combine(Gateway.Daemon.DataDirectory, "bastion", "recordings", member);
        Assert.All(Directory.GetFiles(recordings), file => Assert.True(new FileInfo(file).Length < 64 * 1024, file));
    }

    [Fact]
    public async Task TheRawScpCallChecksItsCommand_AndMfaTokenRequestsAreAnsweredAfterTheAccessCheck()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {TargetPort} --protocol scpupload", Ct)).Code);
        var target = $"--host 127.0.0.1 --port {TargetPort} --user {TargetUser}";

        // The helpers' encoding: "#" for a space. Shell operators and anything but scp's server mode are refused.
        foreach (var command in new[] { "scp#-t#x;touch#/tmp/owned", "scp#-t#$(id)", "ls#-la", "scp#-v" })
        {
            var refused = await Gateway.SshAsync(member, key, $"--json-greppable {target} --osh scp --scp-cmd {command}", null, Ct);
            Assert.True(refused.Code == "ERR_SECURITY_VIOLATION", refused.ToString());
            Assert.NotEqual(0, refused.ExitCode);
        }

        // What The Bastion's scp and sftp wrappers ask first: no MFA required for this host, so the token is "notrequired".
        var token = await Gateway.SshAsync(member, key, $"{target} --osh scp --generate-mfa-token", null, Ct);
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.Contains("MFA_TOKEN=notrequired\n", token.Out, StringComparison.Ordinal);
        var noHost = await Gateway.SshAsync(member, key, "--osh sftp --generate-mfa-token", null, Ct);
        Assert.Equal((0, "MFA_TOKEN=notrequired\n"), (noHost.ExitCode, noHost.Out));
        var denied = await Gateway.SshAsync(member, key, $"--host 127.0.0.1 --port {TargetPort} --user root --osh scp --generate-mfa-token", null, Ct);
        Assert.True(denied.ExitCode == 107, denied.ToString());
        Assert.DoesNotContain("MFA_TOKEN", denied.Out, StringComparison.Ordinal);

        // The token is then passed back with the transfer and accepted.
        var file = Path.Combine(TargetHome, "raw.txt");
        var raw = await Gateway.SshAsync(member, key, $"{target} --osh scp --scp-cmd scp#-t#raw.txt --mfa-token notrequired", "C0644 6 raw.txt\nhello\n\0", Ct);
        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Equal("hello\n", await File.ReadAllTextAsync(file, Ct));
    }

    [Fact]
    public async Task SftpNeedsTheSftpGrant_AndRunsABatch()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        using var work = new TempDirectory();
        var sftp = await InstallWrapperAsync(member, key, "sftp", work);
        var local = work.Combine("local.txt");
        var name = "sftp-" + Guid.NewGuid().ToString("N")[..8] + ".txt";
        await File.WriteAllTextAsync(local, "sent through the bastion\n", Ct);
        var batch = work.Combine("batch");
        await File.WriteAllTextAsync(batch, $"put {local} {name}\nls\nget {name} {work.Combine("back.txt")}\nexit\n", Ct);
        string[] Options() => ["-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-b", batch];

        var refused = await RunAsync(sftp, [.. Options(), $"{TargetUser}@127.0.0.1:{TargetPort}"], work.Path);
        Assert.True(refused.Code != 0, refused.Output);
        Assert.Contains("but you need to be granted specifically for sftp", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sftp> ls", refused.Output, StringComparison.Ordinal);

        var conflicting = await RunAsync(sftp, [.. Options(), "-P", "9999", $"{TargetUser}@127.0.0.1:{TargetPort}"], work.Path);
        Assert.Equal(1, conflicting.Code);
        Assert.Contains("conflicting ports", conflicting.Output, StringComparison.Ordinal);

        // The legacy --sftp switch is The Bastion's other way to write --protocol sftp.
        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {TargetPort} --sftp", Ct)).Code);
        var session = await RunAsync(sftp, [.. Options(), "-P", TargetPort, $"{TargetUser}@127.0.0.1"], work.Path);
        Assert.True(session.Code == 0, session.Output);
        Assert.Contains("sftp> ls", session.Output, StringComparison.Ordinal);
        Assert.Contains(name, session.Output, StringComparison.Ordinal);
        Assert.Contains($">>> Hello {member}, starting up sftp subsystem to {TargetUser}@127.0.0.1:{TargetPort}...", session.Output, StringComparison.Ordinal);
        Assert.Matches(">>> Done, [0-9]+ bytes uploaded, [0-9]+ bytes downloaded.", session.Output);
        Assert.Equal("sent through the bastion\n", await File.ReadAllTextAsync(Path.Combine(TargetHome, name), Ct));
        Assert.Equal("sent through the bastion\n", await File.ReadAllTextAsync(work.Combine("back.txt"), Ct));
    }

    [Fact]
    public async Task RsyncUsesTheBastionAsItsRemoteShell()
    {
        Assert.SkipUnless(BastionGateway.CanRun && File.Exists("/usr/bin/rsync"), "needs root, sshd, useradd and rsync");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var group = await fixture.GroupWithServerAsync(member, Ct);
        using var work = new TempDirectory();
        var source = work.Combine("tree");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "alpha\n", Ct);
        await File.WriteAllBytesAsync(Path.Combine(source, "sub", "b.bin"), RandomNumberGenerator.GetBytes(300_000), Ct);
        var rsh = $"ssh -F /dev/null -i {key} -p {Gateway.Port} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
            + $"{member}@127.0.0.1 -- --osh rsync --port {TargetPort} --";
        var remote = $"{TargetUser}@127.0.0.1:synced/";

        var refused = await RunAsync("rsync", ["-a", "--rsh", rsh, source + "/", remote], work.Path);
        Assert.True(refused.Code != 0, refused.Output);
        Assert.Contains("but you need to be granted specifically for rsync", refused.Output, StringComparison.Ordinal);

        Assert.Equal("OK", (await Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {TargetPort} --protocol rsync", Ct)).Code);
        var pushed = await RunAsync("rsync", ["-a", "--rsh", rsh, source + "/", remote], work.Path);
        Assert.True(pushed.Code == 0, pushed.Output);
        Assert.Contains($">>> Hello {member}, running rsync through the bastion on {TargetUser}@127.0.0.1:{TargetPort}...", pushed.Output, StringComparison.Ordinal);
        Assert.Equal("alpha\n", await File.ReadAllTextAsync(Path.Combine(TargetHome, "synced", "a.txt"), Ct));

        var back = work.Combine("back");
        var pulled = await RunAsync("rsync", ["-a", "--rsh", rsh, remote, back + "/"], work.Path);
        Assert.True(pulled.Code == 0, pulled.Output);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, "sub", "b.bin"), Ct), await File.ReadAllBytesAsync(Path.Combine(back, "sub", "b.bin"), Ct));

        // Called by hand rather than by rsync, the plugin says what it expects.
        var wrong = await Gateway.SshAsync(member, key, "--json-greppable --osh rsync -- 127.0.0.1 ls", null, Ct);
        Assert.Equal("ERR_INVALID_COMMAND", wrong.Code);
    }

    [Fact]
    public async Task AProtocolGrantOnAnotherKeyDoesNotCombineWithSshAccess()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await fixture.GroupWithServerAsync(member, Ct);
        // Ssh access comes with the group's key; the scp grant is personal, so it would use the account's own key.
        var personal = await Gateway.AdminAsync(
            $"--json-greppable --osh accountAddPersonalAccess --account {member} --host 127.0.0.1 --port {TargetPort} --protocol scpupload", Ct);
        Assert.Equal("OK", personal.Code);

        var refused = await Gateway.SshAsync(member, key, $"--host 127.0.0.1 --port {TargetPort} --user {TargetUser} --osh scp --scp-cmd scp#-t#x", "", Ct);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("by different and distinct means (distinct keys)", refused.Error, StringComparison.Ordinal);
    }

    private Task<string> InstallWrapperAsync(string member, string key, string plugin, TempDirectory work) =>
        TransferWrappers.InstallAsync(Gateway, member, key, plugin, work, Ct);

    private static async Task<(int Code, string Output)> RunAsync(string program, string[] arguments, string directory, string? stdin = null)
    {
        var result = await ProcessRun.RunAsync(ProcessRun.Start(program, arguments, directory), stdin, Ct);
        return (result.Code, result.Output);
    }
}
