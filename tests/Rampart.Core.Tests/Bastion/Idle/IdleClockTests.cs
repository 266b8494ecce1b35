using Rampart.Core.Bastion.Idle;

namespace Rampart.Core.Tests.Bastion.Idle;

public sealed class IdleClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int seconds) => Start.AddSeconds(seconds);

    private static IdleTimeouts Timeouts(int lockAfter, int killAfter, int warnLock = 0, int warnKill = 0) => new(
        TimeSpan.FromSeconds(lockAfter), TimeSpan.FromSeconds(killAfter), TimeSpan.FromSeconds(warnLock), TimeSpan.FromSeconds(warnKill));

    [Fact]
    public void ASessionLeftAloneIsWarnedOnce_ThenLocked_ThenWarnedAndKilled()
    {
        var clock = new IdleClock(Timeouts(60, 300, warnLock: 10, warnKill: 30), onTerminal: true, Start);
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(49)));
        Assert.Equal(IdleStep.WarnLock, clock.Tick(At(50)));
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(51)));
        Assert.Equal(IdleStep.Lock, clock.Tick(At(60)));
        Assert.Equal(At(60), clock.LockedSince);
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(269)));
        Assert.Equal(IdleStep.WarnKill, clock.Tick(At(270)));
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(280)));
        Assert.Equal(IdleStep.Kill, clock.Tick(At(300)));
    }

    [Fact]
    public void InputRestartsTheClockAndRearmsTheWarnings()
    {
        var clock = new IdleClock(Timeouts(60, 0, warnLock: 10), onTerminal: true, Start);
        Assert.Equal(IdleStep.WarnLock, clock.Tick(At(55)));
        Assert.True(clock.Input(At(58)));
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(100)));
        Assert.Equal(IdleStep.WarnLock, clock.Tick(At(108)));
        Assert.Equal(IdleStep.Lock, clock.Tick(At(118)));
    }

    [Fact]
    public void WhileLockedInputIsDroppedAndDoesNotHoldTheKillOff_UntilAnUnlock()
    {
        var clock = new IdleClock(Timeouts(60, 120), onTerminal: true, Start);
        Assert.Equal(IdleStep.Lock, clock.Tick(At(60)));
        Assert.False(clock.Input(At(100)));
        Assert.Equal(IdleStep.Kill, clock.Tick(At(120)));

        var unlocked = new IdleClock(Timeouts(60, 120), onTerminal: true, Start);
        unlocked.Tick(At(60));
        Assert.True(unlocked.Unlock(At(100)));
        Assert.Null(unlocked.LockedSince);
        Assert.True(unlocked.Input(At(101)));
        Assert.Equal(IdleStep.Nothing, unlocked.Tick(At(160)));
        Assert.Equal(IdleStep.Lock, unlocked.Tick(At(161)));
        Assert.True(unlocked.Unlock(At(162)));
        Assert.False(unlocked.Unlock(At(163)));
    }

    [Fact]
    public void ASessionLockedByHandIsKilledAsLongAfterTheLockAsTheIdleLockWouldHaveBeen()
    {
        var clock = new IdleClock(Timeouts(60, 100), onTerminal: true, Start);
        Assert.True(clock.Input(At(10)));
        Assert.True(clock.Lock(At(20)));
        Assert.False(clock.Lock(At(21)));
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(59)));
        Assert.Equal(IdleStep.Kill, clock.Tick(At(60)));

        // Without a lock timeout, the whole kill timeout runs from the lock.
        var noLock = new IdleClock(Timeouts(0, 100), onTerminal: true, Start);
        Assert.True(noLock.Lock(At(50)));
        Assert.Equal(IdleStep.Nothing, noLock.Tick(At(149)));
        Assert.Equal(IdleStep.Kill, noLock.Tick(At(150)));
    }

    [Fact]
    public void ASessionWithoutATerminalIsNeverLocked_ButIsKilled()
    {
        var clock = new IdleClock(Timeouts(10, 30), onTerminal: false, Start);
        Assert.False(clock.Lock(At(1)));
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(20)));
        Assert.Null(clock.LockedSince);
        Assert.True(clock.Input(At(25)));
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(54)));
        Assert.Equal(IdleStep.Kill, clock.Tick(At(55)));
    }

    [Fact]
    public void NoTimeoutsNeverDoAnything()
    {
        var clock = new IdleClock(IdleTimeouts.None, onTerminal: true, Start);
        Assert.Equal(IdleStep.Nothing, clock.Tick(At(1_000_000)));
        Assert.False(IdleTimeouts.None.Any);
    }
}
