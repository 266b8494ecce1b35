using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Core.Bastion.Mfa;

/// <summary>
/// Proof that an account just passed MFA for one target, for clients that cannot answer a prompt (scp, sftp, rsync):
/// The Bastion's <c>MFA_TOKEN=v1,EPOCH,HMAC</c>, an HMAC-SHA256 over <c>EPOCH,ACCOUNT,HOST,PORT,REMOTEUSER</c>, good
/// for 15 seconds and never from the future. The key is random per daemon run and never leaves it.
/// </summary>
public sealed class MfaTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Issue(string account, string host, int port, string remoteUser)
    {
        var epoch = time.GetUtcNow().ToUnixTimeSeconds();
        return $"v1,{epoch.ToString(CultureInfo.InvariantCulture)},{Mac(epoch, account, host, port, remoteUser)}";
    }

    public bool IsValid(string? token, string account, string host, int port, string remoteUser)
    {
        var parts = token?.Split(',');
        if (parts is not { Length: 3 } || parts[0] != "v1" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return false;
        }

        var age = time.GetUtcNow().ToUnixTimeSeconds() - epoch;
        return age >= 0 && age <= Lifetime.TotalSeconds && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Mac(epoch, account, host, port, remoteUser)));
    }

    private string Mac(long epoch, string account, string host, int port, string remoteUser) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{epoch},{account},{host},{port},{remoteUser}"))));
}
