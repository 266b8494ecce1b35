using System.Diagnostics;
using Rampart.Bastion.Egress;

namespace Rampart.Bastion.Tests.Egress;

public sealed class AskpassFeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> AskAsync(string program)
    {
        using var process = Process.Start(new ProcessStartInfo(program, "Password:") { RedirectStandardOutput = true })!;
        var answer = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return answer;
    }

    [Fact]
    public async Task EachPromptGetsTheNextPassword_InOrder_AndNothingIsLeftAfterwards()
    {
        var feeder = AskpassFeeder.Start(["current $ 'quoted'", "fallback-1"]);
        var directory = Path.GetDirectoryName(feeder.Program)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal("force", feeder.Environment["SSH_ASKPASS_REQUIRE"]);
        Assert.DoesNotContain("current", string.Concat(feeder.Environment.Values), StringComparison.Ordinal);

        Assert.Equal("current $ 'quoted'\n", await AskAsync(feeder.Program));
        Assert.Equal("fallback-1\n", await AskAsync(feeder.Program));
        await feeder.DisposeAsync();
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task APasswordNobodyAskedFor_DoesNotHoldTheSessionsEndUp()
    {
        var feeder = AskpassFeeder.Start(["never-asked"]);
        var directory = Path.GetDirectoryName(feeder.Program)!;
        var clock = Stopwatch.StartNew();
        await feeder.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.False(Directory.Exists(directory));
    }
}
