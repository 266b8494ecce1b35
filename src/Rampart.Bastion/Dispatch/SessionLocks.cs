namespace Rampart.Bastion.Dispatch;

/// <summary>
/// Every running egress session on a terminal, by account, so that the account can lock them all (<c>--osh lock</c>,
/// before leaving a desk) and unlock them from another session (<c>--osh unlock</c>, the only way out of a lock, idle
/// or not). This daemon's sessions only, as The Bastion's lock reaches one instance only.
/// </summary>
public sealed class SessionLocks
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<ILockableSession>> _byAccount = new(StringComparer.Ordinal);

    /// <summary>Registers a session of <paramref name="account"/>; disposing the result unregisters it.</summary>
    public IDisposable Register(string account, ILockableSession session)
    {
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(account, out var sessions))
            {
                _byAccount[account] = sessions = [];
            }

            sessions.Add(session);
        }

        return new Registration(this, account, session);
    }

    /// <summary>Locks every session of the account; returns how many there are.</summary>
    public Task<int> LockAllAsync(string account, CancellationToken cancellationToken) =>
        EachAsync(account, (session, ct) => session.LockAsync(ct), cancellationToken);

    /// <summary>Unlocks every session of the account; returns how many there are.</summary>
    public Task<int> UnlockAllAsync(string account, CancellationToken cancellationToken) =>
        EachAsync(account, (session, ct) => session.UnlockAsync(ct), cancellationToken);

    private async Task<int> EachAsync(string account, Func<ILockableSession, CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        List<ILockableSession> sessions;
        lock (_gate)
        {
            sessions = _byAccount.TryGetValue(account, out var registered) ? [.. registered] : [];
        }

        // Outside the lock: each change writes to a client's terminal.
        foreach (var session in sessions)
        {
            await change(session, cancellationToken);
        }

        return sessions.Count;
    }

    private void Remove(string account, ILockableSession session)
    {
        lock (_gate)
        {
            if (_byAccount.TryGetValue(account, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
            {
                _byAccount.Remove(account);
            }
        }
    }

    private sealed class Registration(SessionLocks owner, string account, ILockableSession session) : IDisposable
    {
        public void Dispose() => owner.Remove(account, session);
    }
}
