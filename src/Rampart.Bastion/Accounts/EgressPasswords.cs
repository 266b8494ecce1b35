using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Passwords;
using Rampart.Core.Vault;

namespace Rampart.Bastion.Accounts;

/// <summary>
/// Makes egress passwords and seals them in the vault at once (the plaintext lives only in memory, long enough to hash
/// it), opens them for the daemon's own use, and shows them as The Bastion lists them: hashes and metadata only.
/// </summary>
public static class EgressPasswords
{
    public static EgressPassword Create(VaultCipher cipher, int size, string createdBy, DateTimeOffset now)
    {
        var text = EgressPasswordText.Generate(size);
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var password = new EgressPassword(id, [], EgressPasswordText.Hash(text), createdBy, now);
        return password with { SealedPassword = cipher.Seal(Encoding.UTF8.GetBytes(text), password.VaultOwner) };
    }

    /// <summary>The password itself, to be typed by the daemon into one connection; never shown to anyone.</summary>
    public static string Reveal(VaultCipher cipher, EgressPassword password) =>
        Encoding.UTF8.GetString(cipher.Open(password.SealedPassword, password.VaultOwner));

    /// <summary>The list after <paramref name="added"/> becomes the current password; the oldest fallback goes past 99.</summary>
    public static IReadOnlyList<EgressPassword> Rotated(IReadOnlyList<EgressPassword> current, EgressPassword added) =>
        [added, .. current.Take(EgressPassword.MostKept - 1)];

    public static JsonObject HashesJson(EgressPasswordHashes hashes)
    {
        var json = new JsonObject();
        foreach (var (name, hash) in hashes.All)
        {
            json[name] = hash;
        }

        return json;
    }

    /// <summary>The Bastion's <c>get_hashes_list</c>: one entry per password, current first, each described.</summary>
    public static JsonArray ListJson(IReadOnlyList<EgressPassword> passwords)
    {
        var list = new JsonArray();
        for (var i = 0; i < passwords.Count; i++)
        {
            var password = passwords[i];
            var created = password.Created.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture);
            list.Add(new JsonObject
            {
                ["description"] = $"{(i == 0 ? "Current password" : $"Fallback password {i}")} created at {created} by {password.CreatedBy}",
                ["hashes"] = HashesJson(password.Hashes),
                ["metadata"] = new JsonObject
                {
                    ["created_by"] = password.CreatedBy,
                    ["creation_time"] = created,
                    ["creation_timestamp"] = password.Created.ToUnixTimeSeconds(),
                },
            });
        }

        return list;
    }
}
