using System.Diagnostics;
using System.Security.Cryptography;
using Rampart.Core.Errors;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// Files on an ssh host. Checks go through the running shell (a fraction of a millisecond); the bytes themselves go
/// over a separate channel of the same ControlMaster (<c>cat</c> in or out), streamed and byte-exact, never through
/// the shell's text stream.
/// </summary>
public sealed class SshFiles(SshTarget target, SshEnvironment environment, ShellSession session)
{
    /// <summary>Streams the file into <paramref name="destination"/>; call <see cref="CheckReadableAsync"/> first.</summary>
    public async Task ReadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        using var process = Start($"exec cat -- {Word(path)}");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.BaseStream.CopyToAsync(destination, 128 * 1024, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new ShellFailedException($"Reading {path} failed: {(await error).Trim()}");
        }
    }

    /// <summary>"File does not exist" and friends as client errors, before any byte is sent.</summary>
    public async Task CheckReadableAsync(string path, CancellationToken cancellationToken)
    {
        var word = Word(path);
        var check = await session.ExecAsync(
            $"( if [ -d {word} ]; then exit 3; elif [ ! -e {word} ]; then exit 2; elif [ ! -r {word} ]; then exit 4; fi )", TimeSpan.FromSeconds(30), cancellationToken);
        switch (check.ExitCode)
        {
            case 0:
                return;
            case 2:
                throw new ClientErrorException("File does not exist");
            case 3:
                throw new ClientErrorException($"{path} is a directory, not a file");
            default:
                throw new ClientErrorException($"Permission denied reading {path}");
        }
    }

    /// <summary>Creates or replaces the file with exactly the bytes of <paramref name="sourceFile"/>.</summary>
    public async Task WriteAsync(string path, string sourceFile, CancellationToken cancellationToken)
    {
        using var process = Start($"exec cat > {Word(path)}");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await using (var source = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.Asynchronous))
        {
            try
            {
                await source.CopyToAsync(process.StandardInput.BaseStream, 128 * 1024, cancellationToken);
            }
            catch (IOException)
            {
                // The remote side gave up (no such directory, no permission); its words follow.
            }

            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var words = (await error).Trim();
            throw new ClientErrorException($"Cannot write {path}: {(words.Length > 0 ? words : "exit code " + process.ExitCode)}");
        }
    }

    /// <summary>An owner-only executable script in the shell's temp directory, content exactly as uploaded.</summary>
    public async Task<string> WriteScriptAsync(string sourceFile, CancellationToken cancellationToken)
    {
        string hash;
        await using (var content = File.OpenRead(sourceFile))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken))[..16];
        }

        var path = $"{session.Info.Temp}/rampart-{hash}.sh";
        var result = await session.ExecAsync($"umask 077 && : > {Word(path)} && chmod 700 {Word(path)}", TimeSpan.FromSeconds(30), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ShellFailedException($"Cannot create {path}: {result.Stderr}");
        }

        await WriteAsync(path, sourceFile, cancellationToken);
        return path;
    }

    /// <summary>One shell word for a path: single-quoted, with a leading <c>~/</c> left to the shell's $HOME.</summary>
    public static string Word(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ClientErrorException("Field path must not be empty");
        }

        static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        return path == "~" ? "\"$HOME\"" : path.StartsWith("~/", StringComparison.Ordinal) ? "\"$HOME\"/" + Quote(path[2..]) : Quote(path);
    }

    private Process Start(string remoteCommand)
    {
        var start = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in SshShell.Arguments(target, environment, ["-T"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(remoteCommand);
        return Process.Start(start) ?? throw new ShellFailedException("ssh did not start");
    }
}
