namespace Rampart.Bastion.Dispatch;

/// <summary>
/// The OS side of bastion accounts: each account is an OS user of the same name and uid whose login shell is the
/// entry program. The implementation runs useradd and userdel; tests may use the real one as root.
/// </summary>
public interface IAccountSystem
{
    /// <summary>Whether an OS user by this name exists, bastion account or not.</summary>
    bool UserExists(string name);

    /// <summary>Every id an OS user or group already uses.</summary>
    IReadOnlySet<int> IdsInUse();

    /// <summary>Creates the OS user, its primary group of the same id, and its home; key-only (no password).</summary>
    Task CreateUserAsync(string name, int uid, CancellationToken cancellationToken);

    /// <summary>Removes the OS user, its primary group and home; absent users are not an error.</summary>
    Task DeleteUserAsync(string name, CancellationToken cancellationToken);
}
