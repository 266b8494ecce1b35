using System.Diagnostics;

namespace Rampart.Shell.Processes;

/// <summary>The result of a short command: exit status and everything it printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs a short-lived command to its end (useradd, ssh-keygen…): arguments through ArgumentList, never a shell line;
/// optional input on stdin, so secrets never reach argv or the environment.
/// </summary>
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string file, IEnumerable<string> arguments, string? input, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    public static Task<CommandResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(file, arguments, null, null, cancellationToken);
}
