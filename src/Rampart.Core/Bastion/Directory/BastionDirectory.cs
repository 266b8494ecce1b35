using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Directory;

/// <summary>
/// The bastion's state: an immutable snapshot readers take without locking, and changes applied one at a time.
/// A change runs under the lock with the latest snapshot, may do its side effects there (create an OS user), returns
/// the new snapshot, and is stored before anyone sees it: a failed store leaves the state as it was.
/// </summary>
public sealed class BastionDirectory(IBastionStore store) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile BastionSnapshot _current = BastionSnapshot.Empty;

    public BastionSnapshot Current => _current;

    /// <summary>Raised after each stored change, with the new snapshot, still under the change lock: keep handlers short.</summary>
    public event Action<BastionSnapshot>? Changed;

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _current = await store.LoadAsync(cancellationToken);

    /// <summary>Runs <paramref name="change"/> with the current snapshot; a null snapshot in its result means nothing changed.</summary>
    public async Task<T> ChangeAsync<T>(
        Func<BastionSnapshot, CancellationToken, Task<(BastionSnapshot? After, T Result)>> change,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var before = _current;
            var (after, result) = await change(before, cancellationToken);
            if (after is not null && !ReferenceEquals(after, before))
            {
                var delta = BastionDelta.Between(before, after);
                if (!delta.IsEmpty)
                {
                    // Not cancellable half-way: once the side effects ran, the record of them must be written.
                    await store.ApplyAsync(delta, CancellationToken.None);
                }

                _current = after;
                Changed?.Invoke(after);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The synchronous form, for changes without side effects.</summary>
    public Task<T> ChangeAsync<T>(Func<BastionSnapshot, (BastionSnapshot? After, T Result)> change, CancellationToken cancellationToken) =>
        ChangeAsync((snapshot, _) => Task.FromResult(change(snapshot)), cancellationToken);

    public void Dispose() => _gate.Dispose();
}
