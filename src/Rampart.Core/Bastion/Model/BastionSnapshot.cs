using System.Collections.Immutable;

namespace Rampart.Core.Bastion.Model;

/// <summary>The whole bastion at one instant: immutable, so readers never see half a change.</summary>
public sealed record BastionSnapshot(
    ImmutableSortedDictionary<string, BastionAccount> Accounts,
    ImmutableSortedDictionary<string, BastionGroup> Groups,
    MaintenanceState? Maintenance)
{
    public static BastionSnapshot Empty { get; } = new(
        ImmutableSortedDictionary<string, BastionAccount>.Empty,
        ImmutableSortedDictionary<string, BastionGroup>.Empty,
        null);

    public BastionAccount? Account(string name) => Accounts.GetValueOrDefault(name);

    public BastionAccount? AccountByUid(int uid) => Accounts.Values.FirstOrDefault(a => a.Uid == uid);

    public BastionGroup? Group(string name) => Groups.GetValueOrDefault(name);

    public BastionSnapshot With(BastionAccount account) => this with { Accounts = Accounts.SetItem(account.Name, account) };

    public BastionSnapshot With(BastionGroup group) => this with { Groups = Groups.SetItem(group.Name, group) };

    public BastionSnapshot WithoutAccount(string name) => this with { Accounts = Accounts.Remove(name) };

    public BastionSnapshot WithoutGroup(string name) => this with { Groups = Groups.Remove(name) };

    /// <summary>The groups where <paramref name="account"/> holds any role.</summary>
    public IEnumerable<BastionGroup> GroupsOf(string account) => Groups.Values.Where(g => g.RolesOf(account).Count > 0);

    /// <summary>Whether the account holds <paramref name="role"/> in at least one group (plugin dispatch, §1.3).</summary>
    public bool HoldsAnywhere(string account, GroupRole role) => Groups.Values.Any(g => g.Has(account, role));
}
