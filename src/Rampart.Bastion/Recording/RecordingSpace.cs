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
}
