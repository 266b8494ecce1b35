namespace Rampart.Bastion.Dispatch;

/// <summary>A running egress session that <c>--osh lock</c> and <c>--osh unlock</c> can reach.</summary>
public interface ILockableSession
{
    /// <summary>Locks it: input is dropped and output hidden until it is unlocked. False when it already was, or cannot be.</summary>
    Task<bool> LockAsync(CancellationToken cancellationToken);

    /// <summary>Unlocks it and restarts its idle clock. False when it was not locked.</summary>
    Task<bool> UnlockAsync(CancellationToken cancellationToken);
}
