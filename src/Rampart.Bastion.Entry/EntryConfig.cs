namespace Rampart.Bastion.Entry;

/// <summary>
/// The entry program's only setting, read from <c>rampart-osh.conf</c> beside the executable. It comes from a file
/// root owns, never from the environment, so an account cannot point its login shell at another socket.
/// </summary>
/// <param name="SocketPath">Absolute path of the daemon's bastion Unix socket.</param>
internal sealed record EntryConfig(string SocketPath)
{
    public const string FileName = "rampart-osh.conf";

    /// <summary>Reads the configuration in <paramref name="directory"/>; null with a one-line reason when unusable.</summary>
    public static EntryConfig? Load(string directory, out string error)
    {
        var path = Path.Combine(directory, FileName);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the configuration {path}: {exception.Message}";
            return null;
        }

        string? socket = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            // Unknown keys and stray lines are left for newer versions of the file; only `socket` matters here.
            if (equals > 0 && line[..equals].TrimEnd() == "socket")
            {
                socket = line[(equals + 1)..].Trim();
            }
        }

        if (string.IsNullOrEmpty(socket))
        {
            error = $"the configuration {path} names no socket";
            return null;
        }

        if (socket[0] != '/')
        {
            error = $"the socket in {path} is not an absolute path: {socket}";
            return null;
        }

        error = "";
        return new EntryConfig(socket);
    }
}
