using System.Threading.Channels;

namespace Rampart.Core.Audit;

/// <summary>
/// The append-only, hash-chained audit trail. <see cref="Record"/> never blocks the request it audits: events queue
/// in order and one writer chains and stores them in batches (one transaction per few milliseconds of traffic).
/// Disposing drains the queue, so a clean stop loses nothing; a crash may lose the last few milliseconds.
/// </summary>
public sealed class AuditTrail : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private static readonly TimeSpan s_gather = TimeSpan.FromMilliseconds(20);

    private readonly IAuditStore _store;
    private readonly Channel<(AuditEvent? Event, TaskCompletionSource? Flushed)> _queue =
        Channel.CreateUnbounded<(AuditEvent?, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });

    private Task _writer = Task.CompletedTask;
    private AuditRecord? _last;

    public AuditTrail(IAuditStore store)
    {
        _store = store;
    }

    /// <summary>Loads the chain's end and starts the writer.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _last = await _store.LastAsync(cancellationToken);
        _writer = Task.Run(WriteAsync, CancellationToken.None);
    }

    public void Record(AuditEvent e) => _queue.Writer.TryWrite((e, null));

    /// <summary>Waits until everything recorded so far is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((null, flushed)) ? flushed.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        AuditRecord? previous = null;
        long count = 0;
        await foreach (var record in _store.ReadAllAsync(cancellationToken))
        {
            if (AuditChain.Check(previous, record) is { } problem)
            {
                return new AuditVerification(count, previous?.Hash, problem);
            }

            previous = record;
            count++;
        }

        return new AuditVerification(count, previous?.Hash, null);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        return await _store.QueryAsync(query, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        var batch = new List<AuditRecord>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Gather what comes in the next few milliseconds: one transaction (one fsync) for a burst, not one per request.
            await Task.Delay(s_gather);
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item.Event is { } e)
                {
                    _last = AuditChain.Next(_last, e);
                    batch.Add(_last);
                }
                else if (item.Flushed is { } flushed)
                {
                    flushes.Add(flushed);
                }
            }

            // A store that fails (a full disk) is retried: the trail must not skip records, and requests go on.
            while (batch.Count > 0)
            {
                try
                {
                    await _store.AppendAsync(batch, CancellationToken.None);
                    batch.Clear();
                }
#pragma warning disable CA1031 // Any store failure is retried; the daemon's log shows the store's own errors.
                catch (Exception)
#pragma warning restore CA1031
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }

            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }

            flushes.Clear();
        }
    }
}
