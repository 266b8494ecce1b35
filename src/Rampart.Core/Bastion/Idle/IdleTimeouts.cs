namespace Rampart.Core.Bastion.Idle;

/// <summary>
/// How long an egress session may go without input before it is locked, then killed (The Bastion's
/// <c>idleLockTimeout</c> and <c>idleKillTimeout</c>), and how long before each the account is warned
/// (<c>warnBeforeLockSeconds</c>, <c>warnBeforeKillSeconds</c>). Zero turns each off.
/// </summary>
public sealed record IdleTimeouts(TimeSpan Lock, TimeSpan Kill, TimeSpan WarnBeforeLock = default, TimeSpan WarnBeforeKill = default)
{
    public static IdleTimeouts None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Whether anything happens to a session left alone.</summary>
    public bool Any => Lock > TimeSpan.Zero || Kill > TimeSpan.Zero;

}
