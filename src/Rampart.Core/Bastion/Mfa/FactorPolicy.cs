namespace Rampart.Core.Bastion.Mfa;

/// <summary>
/// An account's own rule for one factor (<c>accountModify --mfa-password-required|--mfa-totp-required yes|no|bypass</c>):
/// <see cref="Yes"/> makes the account set it up, <see cref="Bypass"/> exempts it from the bastion-wide policy and from
/// just-in-time checks of that factor.
/// </summary>
public enum FactorPolicy
{
    No,
    Yes,
    Bypass,
}
