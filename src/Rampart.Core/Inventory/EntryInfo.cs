namespace Rampart.Core.Inventory;

/// <summary>An entry as <c>connection/info</c> shows it.</summary>
/// <param name="CategoryPath">The category path without its root, lower-case, e.g. <c>["default"]</c>.</param>
/// <param name="NamePath">The display-parent chain, lower-case, e.g. <c>["local machine", "services", "web"]</c>.</param>
public sealed record EntryInfo(
    Entry Entry,
    IReadOnlyList<string> CategoryPath,
    IReadOnlyList<string> NamePath,
    string? UsageCategory);
