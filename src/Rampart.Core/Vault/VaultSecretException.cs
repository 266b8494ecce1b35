using Rampart.Core.Errors;

namespace Rampart.Core.Vault;

/// <summary>
/// A sealed secret could not be opened or parsed (wrong owner, wrong key, tampered or malformed data).
/// A client error: the caller sent something this vault cannot decrypt. The message never carries secret or key bytes.
/// </summary>
public sealed class VaultSecretException : ClientErrorException
{
    public VaultSecretException(string message)
        : base(message)
    {
    }

    public VaultSecretException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
