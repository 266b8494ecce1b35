namespace Rampart.Core.Bastion.Keys;

/// <summary>
/// The error codes The Bastion returns for SSH keys (its <c>ssh.inc</c> and key plugins), and the messages shown with
/// them. The messages keep the phrases The Bastion's functional tests look for ("look like an SSH public key",
/// "This is too small", "HOLY SH").
/// </summary>
public static class KeyErrors
{
    public const string NotAKey = "KO_NOT_A_KEY";
    public const string PrivateKey = "KO_PRIVATE_KEY";
    public const string ForbiddenAlgorithm = "KO_FORBIDDEN_ALGORITHM";
    public const string KeySizeTooSmall = "KO_KEY_SIZE_TOO_SMALL";

    /// <summary>Rampart's own: The Bastion has a maximum RSA size setting but never enforces it, so it has no code.</summary>
    public const string KeySizeTooBig = "KO_KEY_SIZE_TOO_BIG";

    /// <summary>Egress generation: a size the algorithm cannot have.</summary>
    public const string KeySizeInvalid = "KO_KEY_SIZE_INVALID";

    /// <summary>Egress generation: an algorithm unknown or disabled on this bastion.</summary>
    public const string NotSupported = "KO_NOT_SUPPORTED";

    public const string DuplicateKey = "KO_DUPLICATE_KEY";

    /// <summary>The text shown with <paramref name="code"/>; the code itself for one this class does not know.</summary>
    public static string Describe(string code) => code switch
    {
        NotAKey => "This doesn't look like an SSH public key, accepted formats are RSA (>= 2048 bits), ECDSA and Ed25519.",
        PrivateKey => "HOLY SH*T, this is a PRIVATE key! Never paste it anywhere: it must stay with you. "
            + "Paste the public half (the .pub file) instead, and consider this private key compromised.",
        ForbiddenAlgorithm => "This key generation algorithm has been disabled on this bastion, please use another one.",
        KeySizeTooSmall => "This is too small. Please generate a bigger key.",
        KeySizeTooBig => "This key is too big: such sizes are very slow and add no real security. Please generate a smaller key.",
        KeySizeInvalid => "This key size is not valid for the selected algorithm.",
        NotSupported => "This algorithm is not supported (or disabled) on this bastion.",
        DuplicateKey => "This public key already exists.",
        _ => code,
    };
}
