using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Directory;

/// <summary>What one change did to the bastion, as the store needs it: rows to write and rows to remove.</summary>
public sealed record BastionDelta(
    IReadOnlyList<BastionAccount> SavedAccounts,
    IReadOnlyList<string> DeletedAccounts,
    IReadOnlyList<BastionGroup> SavedGroups,
    IReadOnlyList<string> DeletedGroups,
    bool MaintenanceChanged,
    MaintenanceState? Maintenance)
{
    public bool IsEmpty => SavedAccounts.Count == 0 && DeletedAccounts.Count == 0 && SavedGroups.Count == 0
        && DeletedGroups.Count == 0 && !MaintenanceChanged;

    /// <summary>The difference between two snapshots; unchanged records are the same objects, so reference equality finds changes.</summary>
    public static BastionDelta Between(BastionSnapshot before, BastionSnapshot after) => new(
        [.. after.Accounts.Values.Where(a => !ReferenceEquals(before.Account(a.Name), a))],
        [.. before.Accounts.Keys.Where(name => !after.Accounts.ContainsKey(name))],
        [.. after.Groups.Values.Where(g => !ReferenceEquals(before.Group(g.Name), g))],
        [.. before.Groups.Keys.Where(name => !after.Groups.ContainsKey(name))],
        !Equals(before.Maintenance, after.Maintenance),
        after.Maintenance);
}
