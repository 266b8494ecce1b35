namespace Rampart.Core.Bastion.Model;

/// <summary>A group's policies (<c>groupModify</c>); null means the bastion-wide default.</summary>
public sealed record GroupSettings(string? MfaRequired, TimeSpan? GuestTtlLimit, TimeSpan? IdleLockTimeout, TimeSpan? IdleKillTimeout)
{
    public static GroupSettings Default { get; } = new(null, null, null, null);
}
