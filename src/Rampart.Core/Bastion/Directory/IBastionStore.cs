using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Directory;

/// <summary>Where the bastion's accounts, groups and settings persist.</summary>
public interface IBastionStore
{
    Task<BastionSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores one change atomically: every listed save and delete, or none.</summary>
    Task ApplyAsync(BastionDelta delta, CancellationToken cancellationToken);
}
