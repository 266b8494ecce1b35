using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Rampart.Daemon.Fleet;

/// <summary>
/// One run of a command across many connections: its progress, its results in the order hosts finished, and a way for
/// any number of readers to follow them live (each reader sees every result from the first).
/// </summary>
public sealed class FleetJob : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<HostResult> _results = [];
    private readonly List<Channel<HostResult>> _followers = [];
    private readonly CancellationTokenSource _cancel = new();

    public FleetJob(FleetRequest request, DateTimeOffset started)
    {
        Request = request;
        Started = started;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public FleetRequest Request { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset? Finished { get; private set; }

    public CancellationToken Cancellation => _cancel.Token;

    public bool IsCancelled => _cancel.IsCancellationRequested;

    public void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Add(HostResult result)
    {
        lock (_lock)
        {
            _results.Add(result);
            foreach (var follower in _followers)
            {
                follower.Writer.TryWrite(result);
            }
        }
    }

    public void Complete(DateTimeOffset finished)
    {
        lock (_lock)
        {
            Finished = finished;
            foreach (var follower in _followers)
            {
                follower.Writer.TryComplete();
            }

            _followers.Clear();
        }
    }

    /// <summary>Every result so far, then each new one as it comes, until the job ends.</summary>
    public async IAsyncEnumerable<HostResult> FollowAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<HostResult>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var result in _results)
            {
                channel.Writer.TryWrite(result);
            }

            if (Finished is null)
            {
                _followers.Add(channel);
            }
            else
            {
                channel.Writer.TryComplete();
            }
        }

        try
        {
            await foreach (var result in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return result;
            }
        }
        finally
        {
            lock (_lock)
            {
                _followers.Remove(channel);
            }
        }
    }

    /// <summary>Progress counts, and the results too when asked.</summary>
    public JsonObject Describe(bool withResults, DateTimeOffset now)
    {
        lock (_lock)
        {
            var counts = _results.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
            var json = new JsonObject
            {
                ["job"] = Id.ToString("D"),
                ["state"] = Finished is null ? "running" : IsCancelled ? "cancelled" : "done",
                ["total"] = Request.Targets.Count,
                ["done"] = _results.Count,
                ["ok"] = counts.GetValueOrDefault(HostResult.Ok),
                ["failed"] = counts.GetValueOrDefault(HostResult.Failed),
                ["unreachable"] = counts.GetValueOrDefault(HostResult.Unreachable),
                ["timeout"] = counts.GetValueOrDefault(HostResult.TimedOut),
                ["cancelled"] = counts.GetValueOrDefault(HostResult.Cancelled),
                ["started"] = Started.ToString("O"),
                ["finished"] = Finished?.ToString("O"),
                ["elapsedMs"] = Math.Round(((Finished ?? now) - Started).TotalMilliseconds, 1),
            };
            if (withResults)
            {
                json["results"] = new JsonArray([.. _results.Select(r => (JsonNode)r.ToJson())]);
            }

            return json;
        }
    }

    public void Dispose() => _cancel.Dispose();
}
