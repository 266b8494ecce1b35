using Rampart.Core.Errors;

namespace Rampart.Shell.Files;

/// <summary>Paths as words of a POSIX shell command line.</summary>
public static class ShellPaths
{
    /// <summary>One shell word for a path: single-quoted, with a leading <c>~/</c> left to the shell's $HOME.</summary>
    /// <exception cref="ClientErrorException">The path is empty.</exception>
    public static string Word(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ClientErrorException("Field path must not be empty");
        }

        return path == "~" ? "\"$HOME\"" : path.StartsWith("~/", StringComparison.Ordinal) ? "\"$HOME\"/" + Quote(path[2..]) : Quote(path);
    }

    /// <summary>Any text as one single-quoted shell word.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
