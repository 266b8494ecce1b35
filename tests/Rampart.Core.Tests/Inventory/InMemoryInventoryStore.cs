using Rampart.Core.Inventory;

namespace Rampart.Core.Tests.Inventory;

/// <summary>A store that keeps what it is given, to test the inventory's logic without a database.</summary>
internal sealed class InMemoryInventoryStore : IInventoryStore
{
    public Dictionary<Guid, Category> Categories { get; } = [];

    public Dictionary<Guid, Entry> Entries { get; } = [];

    public int Commits { get; private set; }

    public Task<InventorySnapshot> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new InventorySnapshot([.. Categories.Values], [.. Entries.Values.OrderBy(e => e.Sequence)]));

    public Task ApplyAsync(InventoryChange change, CancellationToken cancellationToken)
    {
        Commits++;
        foreach (var category in change.UpsertedCategories)
        {
            Categories[category.Id] = category;
        }

        foreach (var id in change.DeletedCategories)
        {
            Categories.Remove(id);
        }

        foreach (var id in change.DeletedEntries)
        {
            Entries.Remove(id);
        }

        foreach (var entry in change.UpsertedEntries)
        {
            Entries[entry.Id] = entry;
        }

        return Task.CompletedTask;
    }
}
