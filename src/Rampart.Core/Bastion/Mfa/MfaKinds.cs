namespace Rampart.Core.Bastion.Mfa;

/// <summary>The text forms of <see cref="MfaKind"/>, as The Bastion's options and JSON write them.</summary>
public static class MfaKinds
{
    public static string Text(MfaKind kind) => kind switch
    {
        MfaKind.Password => "password",
        MfaKind.Totp => "totp",
        MfaKind.Any => "any",
        _ => "none",
    };

    public static MfaKind? Parse(string? text) => text switch
    {
        "password" => MfaKind.Password,
        "totp" => MfaKind.Totp,
        "any" => MfaKind.Any,
        "none" => MfaKind.None,
        _ => null,
    };

    /// <summary>The strictest of two requirements: two different factors asked for mean both are asked (any configured).</summary>
    public static MfaKind Strictest(MfaKind a, MfaKind b) => (a, b) switch
    {
        (MfaKind.None, _) => b,
        (_, MfaKind.None) => a,
        _ when a == b => a,
        (MfaKind.Any, _) => b,
        (_, MfaKind.Any) => a,
        _ => MfaKind.Any,
    };
}
