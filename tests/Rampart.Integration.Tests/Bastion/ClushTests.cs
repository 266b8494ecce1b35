using System.Globalization;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// <c>--osh clush</c> through a real <c>ssh</c>: one command on several hosts, each host a connection of the caller's
/// own (so refused where the caller has no access), one after the other as The Bastion's, or several at a time.
/// </summary>
public sealed class ClushTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway.Gateway;

    private string Target => $"--user {fixture.TargetUser!.Name} --port {fixture.Target!.Port.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task EachHostIsAConnectionOfTheCallers_RunInTurn_WithItsOwnResult()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await fixture.GroupWithServerAsync(member, Ct);

        // 127.0.0.2 is not in any of the member's accesses: that host is refused, the others still run.
        var run = await Gateway.SshAsync(member, key,
            $"--json-greppable --osh clush {Target} --list 127.0.0.1,127.0.0.2 --command 'echo hi from $(hostname); echo oops >&2; exit 3' --no-pause-on-failure",
            "\n", Ct);
        Assert.True(run.Code == "OK", run.ToString());
        Assert.Contains("Will execute a command on 2 hosts (127.0.0.1,127.0.0.2)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Press ENTER to proceed", run.Out, StringComparison.Ordinal);
        Assert.Contains("Working on 127.0.0.2", run.Out, StringComparison.Ordinal);
        var value = run.Json["value"]!;
        Assert.Equal(3, value["127.0.0.1"]!["sysret"]!.GetValue<int>());
        Assert.Equal($"hi from {Environment.MachineName}", value["127.0.0.1"]!["stdout"]![0]!.GetValue<string>());
        Assert.Equal("oops", value["127.0.0.1"]!["stderr"]![0]!.GetValue<string>());
        Assert.Equal(107, value["127.0.0.2"]!["sysret"]!.GetValue<int>());
        Assert.Contains(value["127.0.0.2"]!["stderr"]!.AsArray(), line => line!.GetValue<string>().Contains("Access denied", StringComparison.Ordinal));

        // Both were sessions of the member's: one allowed and recorded, one refused.
        var sessions = (await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct)).Json["value"]!.AsArray();
        Assert.Contains(sessions, s => s!["to"]!["ip"]!.GetValue<string>() == "127.0.0.1" && s["allowed"]!.GetValue<int>() == 1 && s["returned"]!.GetValue<int>() == 3);
        Assert.Contains(sessions, s => s!["to"]!["ip"]!.GetValue<string>() == "127.0.0.2" && s["allowed"]!.GetValue<int>() == 0);
    }

    [Fact]
    public async Task InParallel_EachHostsOutputIsOneBlockPrefixedWithItsName()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await fixture.GroupWithServerAsync(member, Ct);

        var run = await Gateway.SshAsync(member, key,
            $"--json-greppable --osh clush {Target} --list 127.0.0.1,localhost,127.0.0.1 --command 'echo one; echo two' --parallel 2 --no-confirm", null, Ct);
        Assert.True(run.Code == "OK", run.ToString());
        Assert.Contains("127.0.0.1: one\n127.0.0.1: two\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("localhost: one\nlocalhost: two\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(["127.0.0.1", "localhost"], run.Json["value"]!.AsObject().Select(p => p.Key));
        Assert.All(run.Json["value"]!.AsObject(), p => Assert.Equal(0, p.Value!["sysret"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("--command true", "ERR_MISSING_PARAMETER")]
    [InlineData("--list 127.0.0.1", "ERR_MISSING_PARAMETER")]
    [InlineData("--list 'a;b' --command true", "ERR_INVALID_PARAMETER")]
    [InlineData("--list , --command true", "ERR_INVALID_PARAMETER")]
    [InlineData("--list 127.0.0.1 --command true --parallel 0", "ERR_INVALID_PARAMETER")]
    [InlineData("--list 127.0.0.1 --command true --parallel 2 --step-by-step", "ERR_INCOMPATIBLE_PARAMETERS")]
    public async Task BadOptionsAreRefusedBeforeAnyConnection(string options, string code)
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        var run = await Gateway.SshAsync(member, key, $"--json-greppable --osh clush {options} --no-confirm", null, Ct);
        Assert.Equal((100, code), (run.ExitCode, run.Code));
    }
}
