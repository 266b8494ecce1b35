namespace Rampart.Core.Inventory;

/// <summary>How XPipe turns names into the lower-case, slash-separated paths that globs match.</summary>
public static class StorePaths
{
    /// <summary>One path level: lower-cased, with '/' replaced by '_' so a name cannot fake a level.</summary>
    public static string Segment(string name) => name.ToLowerInvariant().Replace('/', '_');

    public static string Join(string? parentPath, string name) =>
        parentPath is null ? Segment(name) : string.Concat(parentPath, "/", Segment(name));

    public static string[] Split(string path) => path.Split('/');
}
