namespace Rampart.Bastion.Tests.Recording;

/// <summary>A clock that moves only when told, with timers that fire only when told, so recordings are exact.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public DateTimeOffset Now { get; private set; } = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public long Timestamp { get; private set; }

    public IReadOnlyList<ManualTimer> Timers => _timers;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => Timestamp;

    public void Advance(double seconds)
    {
        var by = TimeSpan.FromSeconds(seconds);
        Now += by;
        Timestamp += by.Ticks;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, period);
        _timers.Add(timer);
        return timer;
    }

    public void FireTimers()
    {
        foreach (var timer in _timers.Where(t => !t.Disposed))
        {
            timer.Fire();
        }
    }

    internal sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        public TimeSpan Period { get; private set; } = period;

        public bool Disposed { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Period = period;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
