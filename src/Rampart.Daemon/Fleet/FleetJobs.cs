using System.Collections.Concurrent;
using System.Diagnostics;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Daemon.Api;
using Rampart.Daemon.Shells;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Fleet;

/// <summary>
/// Runs fleet jobs in the background and keeps them for an hour after they end. Each host goes through the
/// connection's persistent shell (started if needed and left running, so the next job pays no connection cost); a
/// slow or dead host only ever holds its own slot.
/// </summary>
public sealed partial class FleetJobs(
    InventoryService inventory, ShellSessions shells, ConnectionShells connections, ConnectionScope scope, TimeProvider time, ILogger<FleetJobs> logger)
    : IDisposable
{
    private static readonly TimeSpan s_kept = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, FleetJob> _jobs = new();

    public FleetJob Start(FleetRequest request)
    {
        Prune();
        var job = new FleetJob(request, time.GetUtcNow());
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job), CancellationToken.None);
        return job;
    }

    public FleetJob Get(Guid id) =>
        _jobs.TryGetValue(id, out var job) ? job : throw new ClientErrorException($"Unknown fleet job: {id}");

    public void Dispose()
    {
        foreach (var job in _jobs.Values)
        {
            job.Cancel();
        }
    }

    private async Task RunAsync(FleetJob job)
    {
        var command = FleetCommand.Build(job.Request.Command, job.Request.Script);
        try
        {
            await Parallel.ForEachAsync(
                job.Request.Targets,
                new ParallelOptions { MaxDegreeOfParallelism = job.Request.Parallel },
                async (target, _) => job.Add(await RunHostAsync(job, target, command)));
        }
#pragma warning disable CA1031 // A job's failure must never take the daemon down; it is logged and the job ends.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogJobFailed(logger, e, job.Id);
        }
        finally
        {
            job.Complete(time.GetUtcNow());
            LogJobDone(logger, job.Id, job.Request.Targets.Count, (time.GetUtcNow() - job.Started).TotalMilliseconds);
        }
    }

    private async Task<HostResult> RunHostAsync(FleetJob job, FleetTarget target, string command)
    {
        var clock = Stopwatch.StartNew();
        HostResult Result(string status, int? exitCode = null, string stdout = "", string stderr = "", string? error = null) =>
            new(target.Connection, target.Name, status, exitCode, stdout, stderr, clock.Elapsed.TotalMilliseconds, error);

        if (job.IsCancelled)
        {
            return Result(HostResult.Cancelled, error: "the job was cancelled before this host started");
        }

        using var deadline = new CancellationTokenSource();
        if (job.Request.Timeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(job.Cancellation, deadline.Token);
        ShellSession session;
        try
        {
            // A job outlives its request: an access removed or an account frozen meanwhile stops the hosts not yet started.
            if (!await scope.AllowsAsync(job.Request.StartedBy, target.Connection, either.Token))
            {
                return Result(HostResult.Unreachable, error: "refused: the key's bastion account may no longer use this connection");
            }

            var entry = inventory.FindEntry(target.Connection) ?? throw new ClientErrorException("the connection no longer exists");
            session = await shells.StartAsync(entry.Id, token => connections.LaunchAsync(entry, token), either.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Result(HostResult.TimedOut, error: $"no shell within {job.Request.Timeout!.Value.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            return Result(HostResult.Cancelled, error: "the job was cancelled");
        }
        catch (RampartException e)
        {
            return Result(HostResult.Unreachable, error: e.Message);
        }

        try
        {
            var left = job.Request.Timeout is { } limit ? limit - clock.Elapsed : (TimeSpan?)null;
            if (left is { } remaining && remaining <= TimeSpan.Zero)
            {
                return Result(HostResult.TimedOut, error: "the connection used up the timeout");
            }

            var result = await session.ExecAsync(command, left, job.Cancellation);
            return Result(result.ExitCode == 0 ? HostResult.Ok : HostResult.Failed, result.ExitCode, result.Stdout, result.Stderr);
        }
        catch (CommandTimeoutException e)
        {
            return Result(HostResult.TimedOut, error: e.Message);
        }
        catch (OperationCanceledException)
        {
            return Result(HostResult.Cancelled, error: "the job was cancelled");
        }
        catch (RampartException e)
        {
            return Result(HostResult.Unreachable, error: e.Message);
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, job) in _jobs)
        {
            if (job.Finished is { } finished && now - finished > s_kept && _jobs.TryRemove(id, out _))
            {
                job.Dispose();
            }
        }
    }

    [LoggerMessage(EventId = 6300, Level = LogLevel.Error, Message = "Fleet job {Job} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, Guid job);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Fleet job {Job} finished: {Hosts} hosts in {ElapsedMs:0} ms")]
    private static partial void LogJobDone(ILogger logger, Guid job, int hosts, double elapsedMs);
}
