using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// Every session at the front door that is still running, by account. After each change of the bastion's state it
/// ends the sessions of accounts that may no longer be there: frozen, deleted, or whose uid now belongs to another
/// account. As in The Bastion, freezing an account cuts it off at once, not only at its next login; whatever made the
/// change (a plugin, the API) does not have to remember to do it.
/// </summary>
public sealed class LiveSessions : IDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<LiveSession> _sessions = [];
    private readonly BastionDirectory _directory;

    public LiveSessions(BastionDirectory directory)
    {
        _directory = directory;
        _directory.Changed += Review;
    }

    /// <summary>Registers a session of <paramref name="account"/>; disposing the result unregisters it.</summary>
    public LiveSession Begin(BastionAccount account)
    {
        var session = new LiveSession(account.Name, account.Uid, this);
        lock (_lock)
        {
            _sessions.Add(session);
        }

        // A change may have landed between the caller's snapshot and the registration: look once more.
        Review(_directory.Current);
        return session;
    }

    public void Dispose() => _directory.Changed -= Review;

    internal void Remove(LiveSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session);
        }
    }

    private void Review(BastionSnapshot snapshot)
    {
        List<(LiveSession Session, SessionEnd End)> ending = [];
        lock (_lock)
        {
            foreach (var session in _sessions)
            {
                var account = snapshot.Account(session.Account);
                SessionEnd? end = account switch
                {
                    null => new SessionEnd(OshExitCode.AccountInvalid, $"the account {session.Account} was deleted"),
                    { Uid: var uid } when uid != session.Uid => new SessionEnd(OshExitCode.AccountInvalid, $"the account {session.Account} was replaced"),
                    { Frozen: { } frozen } => new SessionEnd(OshExitCode.AccountFrozen,
                        $"the account {session.Account} was frozen{(frozen.Reason is { Length: > 0 } reason ? $" ({reason})" : "")}"),
                    _ => null,
                };
                if (end is not null)
                {
                    ending.Add((session, end));
                }
            }
        }

        // Outside the lock: cancelling runs the sessions' own clean-up callbacks.
        foreach (var (session, end) in ending)
        {
            session.End(end);
        }
    }
}
