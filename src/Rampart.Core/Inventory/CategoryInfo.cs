namespace Rampart.Core.Inventory;

/// <summary>A category as <c>category/info</c> shows it.</summary>
/// <param name="Path">The full path including the root, lower-case, e.g. <c>["all connections", "default"]</c>.</param>
public sealed record CategoryInfo(Category Category, IReadOnlyList<string> Path);
