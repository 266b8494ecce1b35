using System.Diagnostics;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>Runs the real <c>rampart</c> CLI against a daemon, as a script would.</summary>
public static class CliRunner
{
    public sealed record Result(int Code, string Out, string Error)
    {
        public override string ToString() => $"exit {Code}\nstdout: {Out}\nstderr: {Error}";
    }

    public static async Task<Result> RunAsync(DaemonProcess? daemon, string? stdin, CancellationToken cancellationToken, params string[] arguments)
    {
        var (program, prefix) = BuildOutput.Cli;
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RAMPART_URL"] = daemon?.BaseUri.ToString().TrimEnd('/') ?? $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["RAMPART_AUTH_FILE"] = daemon?.AuthFile ?? "/nonexistent/auth";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }
}
