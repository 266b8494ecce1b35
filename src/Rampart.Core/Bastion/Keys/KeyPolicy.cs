namespace Rampart.Core.Bastion.Keys;

/// <summary>
/// Which keys a bastion accepts: The Bastion's <c>allowed{Ingress,Egress}SshAlgorithms</c> (lowercase family names:
/// rsa, ecdsa, ed25519, ecdsa-sk, ed25519-sk) and <c>minimum/maximum…RsaKeySize</c>.
/// </summary>
public sealed record KeyPolicy
{
    /// <summary>The Bastion's defaults for keys users add.</summary>
    public static KeyPolicy Ingress { get; } = new();

    /// <summary>The Bastion's defaults for keys it generates (no hardware-backed types).</summary>
    public static KeyPolicy Egress { get; } = new() { AllowedAlgorithms = ["rsa", "ecdsa", "ed25519"] };

    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = ["rsa", "ecdsa", "ed25519", "ecdsa-sk", "ed25519-sk"];

    public int RsaMinSize { get; init; } = 2048;

    public int RsaMaxSize { get; init; } = 8192;

    /// <summary>The KO code refusing <paramref name="key"/>, or null when it is acceptable; the algorithm first, as The Bastion.</summary>
    public string? Check(SshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!AllowedAlgorithms.Contains(key.Family, StringComparer.OrdinalIgnoreCase))
        {
            return KeyErrors.ForbiddenAlgorithm;
        }

        if (key.Family == "RSA")
        {
            if (key.Size < RsaMinSize)
            {
                return KeyErrors.KeySizeTooSmall;
            }

            if (key.Size > RsaMaxSize)
            {
                return KeyErrors.KeySizeTooBig;
            }
        }

        return null;
    }
}
