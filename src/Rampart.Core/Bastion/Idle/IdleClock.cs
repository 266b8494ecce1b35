namespace Rampart.Core.Bastion.Idle;

/// <summary>What an idle session's clock asks for at a given moment.</summary>
public enum IdleStep
{
    Nothing,
    WarnLock,
    Lock,
    WarnKill,
    Kill,
}

/// <summary>
/// The clock of one session's input, as The Bastion's recorder keeps it: input restarts it (and re-arms the warnings);
/// past the lock timeout a session on a terminal is locked, and input no longer counts until it is unlocked from
/// another session (<c>--osh unlock</c>); past the kill timeout the session is ended. A locked session is killed
/// once it has been locked for the part of the kill timeout that follows the lock timeout, so that a session locked
/// by hand (<c>--osh lock</c>) still ends. Not thread-safe: its owner serializes the calls.
/// </summary>
public sealed class IdleClock(IdleTimeouts timeouts, bool onTerminal, DateTimeOffset start)
{
    private DateTimeOffset _lastInput = start;
    private bool _lockWarned;
    private bool _killWarned;

    public IdleTimeouts Timeouts => timeouts;

    /// <summary>When the session was locked; null while it is not.</summary>
    public DateTimeOffset? LockedSince { get; private set; }

    /// <summary>Input arrived: true when it may go on to the session (it is dropped while the session is locked).</summary>
    public bool Input(DateTimeOffset now)
    {
        if (LockedSince is not null)
        {
            return false;
        }

        Restart(now);
        return true;
    }

    /// <summary>Locks the session (only one on a terminal can be); false when it cannot be or already is.</summary>
    public bool Lock(DateTimeOffset now)
    {
        if (!onTerminal || LockedSince is not null)
        {
            return false;
        }

        LockedSince = now;
        return true;
    }

    /// <summary>Unlocks the session and restarts its clock; false when it was not locked.</summary>
    public bool Unlock(DateTimeOffset now)
    {
        if (LockedSince is null)
        {
            return false;
        }

        LockedSince = null;
        Restart(now);
        return true;
    }

    /// <summary>The step due at <paramref name="now"/>, once each (a warning is not repeated until input re-arms it).</summary>
    public IdleStep Tick(DateTimeOffset now)
    {
        var idle = now - _lastInput;
        if (timeouts.Kill > TimeSpan.Zero)
        {
            // Locked: measured from the lock, so that a lock by hand ends the session as the idle lock would have.
            var (elapsed, limit) = LockedSince is { } since
                ? (now - since, timeouts.Kill - timeouts.Lock)
                : (idle, timeouts.Kill);
            if (elapsed >= limit)
            {
                return IdleStep.Kill;
            }

            if (!_killWarned && timeouts.WarnBeforeKill > TimeSpan.Zero && elapsed >= limit - timeouts.WarnBeforeKill)
            {
                _killWarned = true;
                return IdleStep.WarnKill;
            }
        }

        if (onTerminal && LockedSince is null && timeouts.Lock > TimeSpan.Zero)
        {
            if (idle >= timeouts.Lock)
            {
                LockedSince = now;
                return IdleStep.Lock;
            }

            if (!_lockWarned && timeouts.WarnBeforeLock > TimeSpan.Zero && idle >= timeouts.Lock - timeouts.WarnBeforeLock)
            {
                _lockWarned = true;
                return IdleStep.WarnLock;
            }
        }

        return IdleStep.Nothing;
    }

    private void Restart(DateTimeOffset now)
    {
        _lastInput = now;
        _lockWarned = false;
        _killWarned = false;
    }
}
