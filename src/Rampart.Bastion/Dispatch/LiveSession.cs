namespace Rampart.Bastion.Dispatch;

/// <summary>One running session: its token is cancelled when the bastion ends it.</summary>
public sealed class LiveSession(string account, int uid, LiveSessions owner) : IDisposable
{
    private readonly CancellationTokenSource _ending = new();
    private SessionEnd? _end;

    public string Account => account;

    public int Uid => uid;

    public CancellationToken Ending => _ending.Token;

    /// <summary>Set once the bastion has ended the session.</summary>
    public SessionEnd? EndedBy => Volatile.Read(ref _end);

    internal void End(SessionEnd end)
    {
        if (Interlocked.CompareExchange(ref _end, end, null) is null)
        {
            try
            {
                _ending.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The session finished while it was being ended: nothing left to stop.
            }
        }
    }

    public void Dispose()
    {
        owner.Remove(this);
        _ending.Dispose();
    }
}
