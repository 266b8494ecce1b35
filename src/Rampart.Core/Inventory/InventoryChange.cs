namespace Rampart.Core.Inventory;

/// <summary>
/// Everything one operation changes, applied by the store in one transaction and then to memory,
/// so that a crash leaves either all of it or none of it.
/// </summary>
public sealed record InventoryChange(
    IReadOnlyList<Category> UpsertedCategories,
    IReadOnlyList<Guid> DeletedCategories,
    IReadOnlyList<Entry> UpsertedEntries,
    IReadOnlyList<Guid> DeletedEntries)
{
    public static InventoryChange Empty { get; } = new([], [], [], []);

    public bool IsEmpty =>
        UpsertedCategories.Count == 0 && DeletedCategories.Count == 0 && UpsertedEntries.Count == 0 && DeletedEntries.Count == 0;
}
