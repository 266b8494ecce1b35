namespace Rampart.Core.Inventory;

/// <summary>What the store loads at start: every category and entry, entries in insertion order.</summary>
public sealed record InventorySnapshot(IReadOnlyList<Category> Categories, IReadOnlyList<Entry> Entries);
