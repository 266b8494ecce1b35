namespace Rampart.Core.Inventory.Types;

/// <summary>What a type needs to see of the inventory to check references while validating.</summary>
public interface IEntryLookup
{
    Entry? FindEntry(Guid id);
}
