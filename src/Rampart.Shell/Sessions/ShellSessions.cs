using System.Collections.Concurrent;
using Rampart.Core.Errors;

namespace Rampart.Shell.Sessions;

/// <summary>
/// The daemon's shells: at most one per connection, shared by every API client, as in XPipe. A dead shell is
/// replaced by a fresh one at the next start.
/// </summary>
public sealed class ShellSessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, Slot> _slots = new();

    /// <summary>Starts the connection's shell, or returns the running one. Starts of one connection are serialized.</summary>
    public async Task<ShellSession> StartAsync(Guid connection, Func<CancellationToken, Task<ShellLaunch>> launch, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(connection, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Session is { IsAlive: true } running)
            {
                return running;
            }

            if (slot.Session is { } dead)
            {
                slot.Session = null;
                await dead.DisposeAsync();
            }

            slot.Session = await ShellSession.StartAsync(await launch(cancellationToken), cancellationToken);
            return slot.Session;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>The running shell of a connection.</summary>
    /// <exception cref="ClientErrorException">There is none: "No active shell session known for id …".</exception>
    public ShellSession Get(Guid connection) =>
        _slots.TryGetValue(connection, out var slot) && slot.Session is { IsAlive: true } session
            ? session
            : throw new ClientErrorException($"No active shell session known for id {connection}");

    /// <summary>Ends the connection's shell.</summary>
    public async Task StopAsync(Guid connection)
    {
        var session = Get(connection);
        if (_slots.TryGetValue(connection, out var slot))
        {
            await slot.Gate.WaitAsync(CancellationToken.None);
            try
            {
                if (ReferenceEquals(slot.Session, session))
                {
                    slot.Session = null;
                }
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        await session.DisposeAsync();
    }

    /// <summary>
    /// Ends the shells of connections that no longer exist, or whose data changed (a shell keeps the host, port and
    /// key it was opened with): a removed connection must not stay reachable, a changed one must reconnect.
    /// </summary>
    public async Task StopWhereAsync(Func<Guid, bool> stale)
    {
        foreach (var connection in _slots.Keys.Where(stale).ToList())
        {
            if (!_slots.TryGetValue(connection, out var slot))
            {
                continue;
            }

            ShellSession? session;
            await slot.Gate.WaitAsync(CancellationToken.None);
            try
            {
                session = slot.Session;
                slot.Session = null;
            }
            finally
            {
                slot.Gate.Release();
            }

            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots.Values)
        {
            if (slot.Session is { } session)
            {
                slot.Session = null;
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>A connection's place: its shell, and the gate that keeps two starts from racing.</summary>
    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ShellSession? Session { get; set; }
    }
}
