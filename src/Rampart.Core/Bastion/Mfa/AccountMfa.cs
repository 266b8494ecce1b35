namespace Rampart.Core.Bastion.Mfa;

/// <summary>
/// An account's second factors and its rules for them (what The Bastion keeps as the <c>mfa-*</c> OS groups, the UNIX
/// password and <c>~/.otp</c>).
/// </summary>
/// <param name="PasswordHash">The MFA password, hashed (<see cref="MfaPasswordHash"/>); null when none is set up.</param>
/// <param name="PasswordChanged">When it was last set.</param>
/// <param name="SealedTotpSecret">The TOTP secret sealed with the vault key under <see cref="TotpVaultOwner"/>; null when none.</param>
/// <param name="TotpLastStep">The last TOTP step accepted: a code is good once.</param>
/// <param name="PamAuthBypass">A robot account: never asked for a factor at login (The Bastion's <c>bastion-nopam</c>).</param>
/// <param name="PersonalEgress">What the account's personal accesses require before a connection (<c>--personal-egress-mfa-required</c>).</param>
/// <param name="FailedRounds">Wrong answers since the last right one; too many lock the factors for a while.</param>
/// <param name="LockedUntil">Until when no answer is even asked, after too many wrong ones.</param>
public sealed record AccountMfa(
    string? PasswordHash,
    DateTimeOffset? PasswordChanged,
    byte[]? SealedTotpSecret,
    long TotpLastStep,
    FactorPolicy PasswordPolicy,
    FactorPolicy TotpPolicy,
    bool PamAuthBypass,
    MfaKind PersonalEgress,
    int FailedRounds = 0,
    DateTimeOffset? LockedUntil = null)
{
    /// <summary>Wrong answers in a row after which the factors are locked for <see cref="LockDuration"/>.</summary>
    public const int MaxFailedRounds = 10;

    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    public static AccountMfa None { get; } = new(null, null, null, 0, FactorPolicy.No, FactorPolicy.No, false, MfaKind.None);

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>After a wrong answer: counted, and locked when there were too many in a row.</summary>
    public AccountMfa AfterFailure(DateTimeOffset now) => FailedRounds + 1 >= MaxFailedRounds
        ? this with { FailedRounds = 0, LockedUntil = now + LockDuration }
        : this with { FailedRounds = FailedRounds + 1 };

    public bool PasswordConfigured => PasswordHash is not null;

    public bool TotpConfigured => SealedTotpSecret is not null;

    public bool AnyConfigured => PasswordConfigured || TotpConfigured;

    public static string TotpVaultOwner(string account) => "bastion-totp:" + account;
}
