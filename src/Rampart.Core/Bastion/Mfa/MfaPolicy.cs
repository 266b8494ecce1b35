namespace Rampart.Core.Bastion.Mfa;

/// <summary>The bastion-wide MFA policy (The Bastion's <c>accountMFAPolicy</c>).</summary>
public enum MfaPolicy
{
    /// <summary>Accounts may set factors up; none is required.</summary>
    Enabled,

    /// <summary>No MFA at all: the setup plugins refuse, nothing asks for a factor.</summary>
    Disabled,

    PasswordRequired,
    TotpRequired,
    AnyRequired,
}
