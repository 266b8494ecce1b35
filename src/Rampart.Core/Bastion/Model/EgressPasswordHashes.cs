namespace Rampart.Core.Bastion.Model;

/// <summary>An egress password's crypt(3) hashes, named as The Bastion names them.</summary>
public sealed record EgressPasswordHashes(string Md5Crypt, string Sha256Crypt, string Sha512Crypt)
{
    /// <summary>Name and hash, in The Bastion's order.</summary>
    public IEnumerable<(string Name, string Hash)> All =>
        [("md5crypt", Md5Crypt), ("sha256crypt", Sha256Crypt), ("sha512crypt", Sha512Crypt)];

    /// <summary>Whether <paramref name="hash"/> is one of these (an ACL's <c>--force-password</c>).</summary>
    public bool Has(string hash) => All.Any(h => h.Hash == hash);
}
