using System.Diagnostics;
using Rampart.Core.Errors;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.Files;

/// <summary>
/// Files on a shell's machine, seen as the shell's user. Checks go through the running shell (a fraction of a
/// millisecond); the bytes themselves go over a separate channel (<c>cat</c> in or out: a new channel of the ssh
/// ControlMaster, or a local process, wrapped in the nested shell's sudo), streamed and byte-exact, never through the
/// shell's text stream.
/// </summary>
/// <param name="channel">Starts a command beside the shell, as the same user on the same machine.</param>
public sealed class ChannelFiles(FileChannel channel, ShellSession session)
{
    /// <summary>Streams the file into <paramref name="destination"/>; call <see cref="CheckReadableAsync"/> first.</summary>
    public async Task ReadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        using var process = Start($"exec cat -- {ShellPaths.Word(path)}");
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
        var word = ShellPaths.Word(path);
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

    /// <summary>
    /// Creates or replaces the file with exactly the bytes of <paramref name="sourceFile"/>. The channel reads the
    /// file itself as its stdin, so the bytes never pass through the daemon's memory or a pipe it pumps.
    /// </summary>
    public async Task WriteAsync(string path, string sourceFile, CancellationToken cancellationToken)
    {
        var channelStart = channel($"exec cat > {ShellPaths.Word(path)}");
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec \"$0\" \"$@\" < \"$RAMPART_SOURCE_FILE\"", channelStart.FileName, .. channelStart.ArgumentList])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in channelStart.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["RAMPART_SOURCE_FILE"] = sourceFile;
        start.WorkingDirectory = channelStart.WorkingDirectory;
        using var process = Process.Start(start) ?? throw new ShellFailedException("The file channel did not start");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        if (process.ExitCode != 0)
        {
            var words = (await error).Trim();
            throw new ClientErrorException($"Cannot write {path}: {(words.Length > 0 ? words : "exit code " + process.ExitCode)}");
        }
    }

    /// <summary>
    /// An owner-only executable script in the shell's temp directory, content exactly as uploaded. The name comes from
    /// mktemp: a shared /tmp must not offer other users a predictable name to plant a link or a file of their own.
    /// </summary>
    public async Task<string> WriteScriptAsync(string sourceFile, CancellationToken cancellationToken)
    {
        // A subshell: a failed redirection or builtin must not end the persistent shell.
        var created = await session.ExecAsync(
            $"( umask 077 && f=$(mktemp {ShellPaths.Word(session.Info.Temp)}/rampart-XXXXXXXXXX.sh) && chmod 700 \"$f\" && printf '%s' \"$f\" )",
            TimeSpan.FromSeconds(30), cancellationToken);
        if (created.ExitCode != 0 || created.Stdout.Length == 0)
        {
            throw new ShellFailedException($"Cannot create a script in {session.Info.Temp}: {created.Stderr}");
        }

        await WriteAsync(created.Stdout, sourceFile, cancellationToken);
        return created.Stdout;
    }

    private Process Start(string command)
    {
        var start = channel(command);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return Process.Start(start) ?? throw new ShellFailedException("The file channel did not start");
    }
}
