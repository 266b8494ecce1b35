using Rampart.Core.Bastion.Keys;

namespace Rampart.Shell.Keys;

/// <summary>A fresh egress key pair: the private key as PEM or OpenSSH text, and its public half.</summary>
public sealed record GeneratedKeyPair(string PrivateKey, SshPublicKey PublicKey)
{
    /// <summary>Names the key by fingerprint only: the generated ToString would print the private key.</summary>
    public override string ToString() => $"GeneratedKeyPair {{ PublicKey = {PublicKey.Typecode} {PublicKey.Fingerprint} }}";
}
