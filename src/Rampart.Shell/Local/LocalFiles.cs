using System.Security.Cryptography;
using Rampart.Core.Errors;

namespace Rampart.Shell.Local;

/// <summary>
/// File operations on the local machine, done directly (the daemon is that machine's user): streamed, byte-exact,
/// with <c>~</c> expanded as the documentation's examples expect.
/// </summary>
public static class LocalFiles
{
    public static string Expand(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ClientErrorException("Field path must not be empty");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (path == "~")
        {
            return home;
        }

        return path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;
    }

    /// <summary>Opens a file for <c>/fs/read</c>.</summary>
    /// <exception cref="ClientErrorException">"File does not exist", or why it cannot be read.</exception>
    public static FileStream OpenRead(string path)
    {
        var full = Expand(path);
        if (Directory.Exists(full))
        {
            throw new ClientErrorException($"{path} is a directory, not a file");
        }

        if (!File.Exists(full))
        {
            throw new ClientErrorException("File does not exist");
        }

        try
        {
            return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 128 * 1024, FileOptions.Asynchronous);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ClientErrorException($"Permission denied reading {path}");
        }
    }

    /// <summary>Creates or replaces a file with exactly the given bytes (<c>/fs/write</c>).</summary>
    public static async Task WriteAsync(string path, string sourceFile, CancellationToken cancellationToken)
    {
        var full = Expand(path);
        try
        {
            await using var source = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.Asynchronous);
            await using var target = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 128 * 1024, FileOptions.Asynchronous);
            await source.CopyToAsync(target, cancellationToken);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ClientErrorException($"The directory of {path} does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ClientErrorException($"Permission denied writing {path}");
        }
        catch (IOException e) when (Directory.Exists(full))
        {
            throw new ClientErrorException($"{path} is a directory, not a file", e);
        }
    }

    /// <summary>
    /// Writes an executable script into the temp directory (<c>/fs/script</c>), its content exactly as uploaded, named
    /// after its content so the same script is written once. Owner-only: scripts may carry secrets.
    /// </summary>
    public static async Task<string> WriteScriptAsync(string tempDirectory, string sourceFile, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(sourceFile, cancellationToken);
        var name = "rampart-" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + ".sh";
        var path = Path.Combine(tempDirectory, name);
        var temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
        };
        await using (var file = new FileStream(temporary, options))
        {
            await file.WriteAsync(content, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
