using System.Diagnostics;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Daemon;

public sealed class DaemonCommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuildOutput.DaemonDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Help_PrintsUsage()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("--listen", output, StringComparison.Ordinal);
        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown argument", "--bogus")]
    [InlineData("needs a value", "--listen")]
    [InlineData("ADDRESS:PORT", "--listen", "nowhere")]
    public async Task BadArguments_ExitTwoWithOneLine(string mentioned, params string[] arguments)
    {
        var (code, _, error) = await RunAsync(arguments);
        Assert.Equal(2, code);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task WorldWritableDataDirectory_IsRefused()
    {
        using var home = new TempDirectory();
        var data = home.Combine("data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_111_111);
        var (code, _, error) = await RunAsync("--listen", $"127.0.0.1:{FreePort.Next()}", "--data-dir", data, "--auth-file", home.Combine("auth"));
        Assert.Equal(1, code);
        Assert.Contains("chmod 700", error, StringComparison.Ordinal);
    }
}
