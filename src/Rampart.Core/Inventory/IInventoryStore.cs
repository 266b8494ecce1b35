namespace Rampart.Core.Inventory;

/// <summary>Durable storage of the inventory. The inventory itself lives in memory; the store makes it survive.</summary>
public interface IInventoryStore
{
    Task<InventorySnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Applies the change atomically and durably; when this returns, the change survives a crash.</summary>
    Task ApplyAsync(InventoryChange change, CancellationToken cancellationToken);
}
