using Rampart.Core.Errors;

namespace Rampart.Core.Vault;

/// <summary>
/// The vault's data key could not be unwrapped: no passphrase was given or it was wrong. Not a client error: it stops
/// the daemon at start, before any request is served.
/// </summary>
public sealed class VaultPassphraseException : RampartException
{
    public VaultPassphraseException(string message)
        : base(message)
    {
    }

    public VaultPassphraseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
