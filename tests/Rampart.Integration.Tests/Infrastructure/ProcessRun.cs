using System.Diagnostics;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>A program run to its end with its output gathered, as the tests run ssh, scp, sftp and rsync.</summary>
public static class ProcessRun
{
    public sealed record Result(int Code, string Out, string Error)
    {
        /// <summary>Both streams, for messages that may come on either.</summary>
        public string Output => Out + Error;
    }

    public static ProcessStartInfo Start(string program, IEnumerable<string> arguments, string? directory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <param name="holdInputOpen">How long to keep stdin open after <paramref name="stdin"/> unless the program ends
    /// first (a prompt that must wait for input); by default stdin is closed at once.</param>
    public static async Task<Result> RunAsync(
        ProcessStartInfo start, string? stdin, CancellationToken cancellationToken, TimeSpan? holdInputOpen = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            await process.StandardInput.FlushAsync(cancellationToken);
        }

        if (holdInputOpen is { } hold)
        {
            await Task.WhenAny(process.WaitForExitAsync(cancellationToken), Task.Delay(hold, cancellationToken));
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs a program to its end and fails the test if it does not succeed.</summary>
    public static async Task CheckedAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(Start(program, arguments), null, cancellationToken);
        Assert.True(result.Code == 0, $"{program} exited with {result.Code}: {result.Output}");
    }
}
