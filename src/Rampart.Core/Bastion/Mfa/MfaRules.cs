namespace Rampart.Core.Bastion.Mfa;

/// <summary>
/// When an account must set a factor up, and whether a just-in-time check may be skipped, as The Bastion's
/// <c>osh.pl</c> decides them (its "MFA enforcing" block and <c>may_skip_mfa</c>).
/// </summary>
public static class MfaRules
{
    /// <summary>
    /// The factor the account must still set up before it may do anything but the setup plugins, or null. A factor
    /// is due when the bastion's policy asks for it (unless the account bypasses it) or the account's own rule does.
    /// </summary>
    public static MfaKind? SetupDue(AccountMfa mfa, MfaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(mfa);
        if (policy == MfaPolicy.Disabled)
        {
            return null;
        }

        if (((policy == MfaPolicy.PasswordRequired && mfa.PasswordPolicy != FactorPolicy.Bypass) || mfa.PasswordPolicy == FactorPolicy.Yes)
            && !mfa.PasswordConfigured)
        {
            return MfaKind.Password;
        }

        if (((policy == MfaPolicy.TotpRequired && mfa.TotpPolicy != FactorPolicy.Bypass) || mfa.TotpPolicy == FactorPolicy.Yes) && !mfa.TotpConfigured)
        {
            return MfaKind.Totp;
        }

        if (policy == MfaPolicy.AnyRequired && !mfa.PasswordConfigured && mfa.PasswordPolicy != FactorPolicy.Bypass
            && !mfa.TotpConfigured && mfa.TotpPolicy != FactorPolicy.Bypass)
        {
            return MfaKind.Any;
        }

        return null;
    }

    /// <summary>What a just-in-time check of <paramref name="required"/> comes to for this account.</summary>
    public static JitMfa Jit(AccountMfa mfa, MfaKind required)
    {
        ArgumentNullException.ThrowIfNull(mfa);
        return required switch
        {
            MfaKind.None => JitMfa.NotRequired,
            MfaKind.Totp when !mfa.TotpConfigured => mfa.TotpPolicy == FactorPolicy.Bypass ? JitMfa.Bypassed : JitMfa.SetupRequired,
            MfaKind.Password when !mfa.PasswordConfigured => mfa.PasswordPolicy == FactorPolicy.Bypass ? JitMfa.Bypassed : JitMfa.SetupRequired,
            MfaKind.Any when !mfa.AnyConfigured =>
                mfa.PasswordPolicy == FactorPolicy.Bypass || mfa.TotpPolicy == FactorPolicy.Bypass ? JitMfa.Bypassed : JitMfa.SetupRequired,
            _ => JitMfa.Ask,
        };
    }
}

/// <summary>The outcome of <see cref="MfaRules.Jit"/>.</summary>
public enum JitMfa
{
    NotRequired,

    /// <summary>The factor is missing and the account is exempt from it.</summary>
    Bypassed,

    /// <summary>The factor is missing and required: the account must set it up first.</summary>
    SetupRequired,

    /// <summary>Ask the account's configured factors now.</summary>
    Ask,
}
