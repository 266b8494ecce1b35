namespace Rampart.Core.Bastion.Mfa;

/// <summary>Which second factor something requires (The Bastion's <c>password|totp|any|none</c>).</summary>
public enum MfaKind
{
    None,
    Password,
    Totp,
    Any,
}
