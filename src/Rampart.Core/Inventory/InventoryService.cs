using Rampart.Core.Errors;

namespace Rampart.Core.Inventory;

/// <summary>
/// The inventory's operations. Reads run concurrently against memory; writes are serialized, made durable in the
/// store first, then applied to memory, so an acknowledged write survives a crash and a failed one changes nothing.
/// </summary>
public sealed partial class InventoryService : IDisposable
{
    private readonly IInventoryStore _store;
    private readonly TimeProvider _time;
    private readonly InventoryFilters _filters;
    private readonly InventoryModel _model = new();
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public InventoryService(IInventoryStore store, TimeProvider time, GlobCache globs)
    {
        _store = store;
        _time = time;
        _filters = new InventoryFilters(globs);
    }

    public int EntryCount => Read(() => _model.EntryCount);

    /// <summary>Loads the inventory and adds XPipe's built-in categories and the local machine if missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _store.LoadAsync(cancellationToken);
        Write(() => _model.Apply(new InventoryChange(snapshot.Categories, [], snapshot.Entries, [])));
        var missing = BuiltIns.Missing(_model, _time.GetUtcNow());
        if (!missing.IsEmpty)
        {
            await CommitAsync(missing);
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>Runs a read against a consistent model.</summary>
    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Write(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Plans a change under the write gate, stores it, then applies it. Once the store has been asked to commit,
    /// cancellation no longer applies: memory must end up matching what is on disk.
    /// </summary>
    private async Task<T> ChangeAsync<T>(Func<(InventoryChange Change, T Result)> plan, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // Planning only reads; writers are excluded by the gate, so the plan stays valid until applied.
            var (change, result) = Read(plan);
            if (!change.IsEmpty)
            {
                await _store.ApplyAsync(change, CancellationToken.None);
                Write(() => _model.Apply(change));
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task CommitAsync(InventoryChange change)
    {
        await ChangeAsync(() => (change, true), CancellationToken.None);
    }

    private static NotFoundException UnknownConnection(Guid id) => new($"Unknown connection: {id}");

    private static NotFoundException UnknownCategory(Guid id) => new($"Unknown category: {id}");
}
