using System.Diagnostics;
using System.Globalization;


namespace Rampart.Cli.Bastion;

/// <summary>Runs the system tools install and serve need (useradd, ssh-keygen, sshd), one line of error when they fail.</summary>
internal static class SystemCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CliException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output) + (await error));
    }

    public static async Task CheckedAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, params int[] alsoAccepted)
    {
        var (exitCode, output) = await RunAsync(file, arguments, cancellationToken);
        if (exitCode != 0 && !alsoAccepted.Contains(exitCode))
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{file} failed ({exitCode}): {output.Trim().ReplaceLineEndings(" ")}"));
        }
    }

    public static bool Exists(string database, string name) =>
        File.ReadLines(database).Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

}
