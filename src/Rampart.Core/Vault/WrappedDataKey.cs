namespace Rampart.Core.Vault;

/// <summary>
/// The data key sealed under a passphrase: what the key file stores. <paramref name="WrappedKey"/> is the AES-256-GCM
/// ciphertext followed by its 16-byte tag. The iteration count is stored so it can be raised for new files later.
/// </summary>
public sealed record WrappedDataKey(int Iterations, byte[] Salt, byte[] Nonce, byte[] WrappedKey);
