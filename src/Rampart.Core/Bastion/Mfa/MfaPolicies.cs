namespace Rampart.Core.Bastion.Mfa;

/// <summary>Text forms of <see cref="MfaPolicy"/> (bastion.conf's <c>account_mfa_policy</c>) and <see cref="FactorPolicy"/>.</summary>
public static class MfaPolicies
{
    public static readonly IReadOnlyList<string> PolicyNames = ["enabled", "disabled", "password-required", "totp-required", "any-required"];

    public static string Text(MfaPolicy policy) => policy switch
    {
        MfaPolicy.Disabled => "disabled",
        MfaPolicy.PasswordRequired => "password-required",
        MfaPolicy.TotpRequired => "totp-required",
        MfaPolicy.AnyRequired => "any-required",
        _ => "enabled",
    };

    public static MfaPolicy? Parse(string text) => text switch
    {
        "enabled" => MfaPolicy.Enabled,
        "disabled" => MfaPolicy.Disabled,
        "password-required" => MfaPolicy.PasswordRequired,
        "totp-required" => MfaPolicy.TotpRequired,
        "any-required" => MfaPolicy.AnyRequired,
        _ => null,
    };

    public static string Text(FactorPolicy policy) => policy switch
    {
        FactorPolicy.Yes => "yes",
        FactorPolicy.Bypass => "bypass",
        _ => "no",
    };

    public static FactorPolicy? ParseFactor(string? text) => text switch
    {
        "yes" => FactorPolicy.Yes,
        "no" => FactorPolicy.No,
        "bypass" => FactorPolicy.Bypass,
        _ => null,
    };
}
