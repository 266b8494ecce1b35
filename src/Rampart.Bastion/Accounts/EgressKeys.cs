using System.Text;
using Rampart.Bastion.Plugins;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Vault;
using Rampart.Shell.Keys;

namespace Rampart.Bastion.Accounts;

/// <summary>Makes egress key pairs and seals their private halves in the vault at once; the plaintext lives only in memory.</summary>
public static class EgressKeys
{
    public static async Task<EgressKey> GenerateAsync(
        VaultCipher cipher, string algorithm, int? size, string comment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (EgressKeyGenerator.CheckAlgorithm(algorithm, size) is { } problem)
        {
            throw new PluginFailureException(problem, $"Invalid key algorithm or size: {algorithm}{(size is { } s ? $" {s}" : "")}");
        }

        var pair = await EgressKeyGenerator.GenerateAsync(algorithm, size, comment, cancellationToken);
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var key = new EgressKey(id, pair.PublicKey, [], now);
        return key with { SealedPrivateKey = cipher.Seal(Encoding.UTF8.GetBytes(pair.PrivateKey), key.VaultOwner) };
    }

    /// <summary>The private key text, for the daemon's own agent only.</summary>
    public static string Reveal(VaultCipher cipher, EgressKey key) => Encoding.UTF8.GetString(cipher.Open(key.SealedPrivateKey, key.VaultOwner));
}
