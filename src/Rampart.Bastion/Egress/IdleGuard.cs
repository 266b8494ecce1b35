using System.Globalization;
using System.Text;
using Rampart.Bastion.Dispatch;
using Rampart.Core.Bastion.Idle;

namespace Rampart.Bastion.Egress;

/// <summary>
/// Watches one egress session's input as The Bastion's recorder does: warns, locks a session on a terminal (input
/// dropped, output hidden behind a lock screen, still recorded) and ends a session left alone past the kill timeout.
/// The clock is looked at once a second; the relays report input through <see cref="Input"/> and ask
/// <see cref="IsLocked"/> before showing output.
/// </summary>
internal sealed class IdleGuard : ILockableSession, IAsyncDisposable
{
    // Save the cursor, switch to the alternate screen, clear it, hide the cursor; and the way back.
    private const string EnterLockScreen = "\u001b7\u001b[?1049h\u001b[2J\u001b[H\u001b[?25l";
    public const string LeaveLockScreen = "\u001b[?1049l\u001b8\u001b[?25h";

    private readonly Lock _gate = new();
    private readonly IdleClock _clock;
    private readonly TimeProvider _time;
    private readonly OshTerminal _terminal;
    private readonly CancellationTokenSource _killed = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    public IdleGuard(IdleTimeouts timeouts, bool onTerminal, TimeProvider time, OshTerminal terminal)
    {
        _clock = new IdleClock(timeouts, onTerminal, time.GetUtcNow());
        _time = time;
        _terminal = terminal;
        _watch = timeouts.Any ? WatchAsync(_stop.Token) : Task.CompletedTask;
    }

    /// <summary>Cancelled when the session has been idle past its kill timeout.</summary>
    public CancellationToken Killed => _killed.Token;

    /// <summary>Asks the remote side to draw its screen again (set by the terminal relay): used after an unlock.</summary>
    public Func<CancellationToken, Task>? Redraw { get; set; }

    public bool IsLocked
    {
        get
        {
            lock (_gate)
            {
                return _clock.LockedSince is not null;
            }
        }
    }

    /// <summary>Input arrived: true when it may go on (not while the session is locked).</summary>
    public bool Input()
    {
        lock (_gate)
        {
            return _clock.Input(_time.GetUtcNow());
        }
    }

    public async Task<bool> LockAsync(CancellationToken cancellationToken)
    {
        bool locked;
        lock (_gate)
        {
            locked = _clock.Lock(_time.GetUtcNow());
        }

        if (locked)
        {
            await ShowLockScreenAsync("Locked on request", cancellationToken);
        }

        return locked;
    }

    public async Task<bool> UnlockAsync(CancellationToken cancellationToken)
    {
        bool unlocked;
        lock (_gate)
        {
            unlocked = _clock.Unlock(_time.GetUtcNow());
        }

        if (unlocked)
        {
            try
            {
                await _terminal.WriteStdoutAsync(LeaveLockScreen, cancellationToken);
                if (Redraw is { } redraw)
                {
                    await redraw(cancellationToken);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The session ended meanwhile: it is unlocked all the same.
            }
        }

        return unlocked;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
        _killed.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken);
                IdleStep step;
                lock (_gate)
                {
                    step = _clock.Tick(_time.GetUtcNow());
                }

                switch (step)
                {
                    case IdleStep.WarnLock:
                        await WarnAsync("locked", _clock.Timeouts.WarnBeforeLock, cancellationToken);
                        break;
                    case IdleStep.Lock:
                        await ShowLockScreenAsync(
                            $"Locked after {Seconds(_clock.Timeouts.Lock)} seconds without input", cancellationToken);
                        break;
                    case IdleStep.WarnKill:
                        await WarnAsync("killed", _clock.Timeouts.WarnBeforeKill, cancellationToken);
                        break;
                    case IdleStep.Kill:
                        await _killed.CancelAsync();
                        return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended.
        }
        catch (IOException)
        {
            // The client is gone: the session ends on its own.
        }
    }

    private Task WarnAsync(string what, TimeSpan before, CancellationToken cancellationToken) => _terminal.WriteErrorLineAsync(
        $"\r\nwarning: your session will be {what} in {Seconds(before)} seconds if no input activity is detected.\r", cancellationToken);

    private async Task ShowLockScreenAsync(string why, CancellationToken cancellationToken)
    {
        try
        {
            await _terminal.WriteStdoutAsync(LockScreen(why), cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client is gone: the session is ending anyway.
        }
    }

    private string LockScreen(string why)
    {
        var since = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var screen = new StringBuilder(EnterLockScreen)
            .Append("\u001b[31mThis session is LOCKED\u001b[0m\r\n\r\n")
            .Append(CultureInfo.InvariantCulture, $"{why}, since {since}.\r\n")
            .Append("Nothing typed here reaches the server, and its output is not shown (it is still recorded).\r\n\r\n")
            .Append("To unlock, use '--osh unlock' from another console.\r\n");
        return screen.ToString();
    }

    private static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
