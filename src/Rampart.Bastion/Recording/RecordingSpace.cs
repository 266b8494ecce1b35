namespace Rampart.Bastion.Recording;

/// <summary>
/// Room on the file system that holds recordings. A session is opened only if its recording could be written in full,
/// so a filling disk refuses new sessions up front instead of cutting them off half-way.
/// </summary>
public static class RecordingSpace
{
    /// <summary>Bytes available to the daemon where <paramref name="directory"/> is, or would be created.</summary>
    public static long FreeBytes(string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        // On Unix, DriveInfo asks statvfs about the path it is given, whichever file system it is on.
        return new DriveInfo(existing).AvailableFreeSpace;
    }

    /// <summary>Why a session of at most <paramref name="maxBytes"/> of output cannot be recorded in <paramref name="directory"/>; null when it can.</summary>
    public static string? Shortage(string directory, long maxBytes)
    {
        var free = FreeBytes(directory);
        if (free >= maxBytes)
        {
            return null;
        }

        const double MiB = 1024 * 1024;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Not enough space left to record this session ({free / MiB:0.#} MiB free, {maxBytes / MiB:0.#} MiB needed), please tell an administrator");
    }
}
