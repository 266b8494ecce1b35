using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Rampart.Core.Bastion.Keys;

/// <summary>
/// An SSH public key as read from one authorized_keys-style line (<see cref="SshPublicKeyParser"/>), with what
/// <c>ssh-keygen -l</c> would say of it. <see cref="FromList"/>, <see cref="Line"/> and <see cref="BlobLine"/> are
/// derived, so a copy with another <see cref="Prefix"/> stays consistent.
/// </summary>
public sealed record SshPublicKey
{
    /// <summary>The JSON name of the from list in The Bastion's key info.</summary>
    public const string FromListName = "fromList";

    /// <summary>The name ingress key plugins (selfAddIngressKey, *ListIngressKeys) rename it to.</summary>
    public const string FromListSnakeName = "from_list";

    /// <summary>The authorized_keys options before the type, e.g. <c>from="1.2.3.4,5.6.7.0/24"</c>; null when none.</summary>
    public string? Prefix { get; init; }

    public required string Typecode { get; init; }

    public required string Base64 { get; init; }

    public string? Comment { get; init; }

    /// <summary>Bits: the RSA modulus length, the ECDSA curve size, 256 for Ed25519 and the -SK types.</summary>
    public required int Size { get; init; }

    /// <summary><c>SHA256:</c> and the unpadded Base64 SHA-256 of the blob, as <c>ssh-keygen -l</c> prints it.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>As <c>ssh-keygen -l</c> names it: RSA, ECDSA, ED25519, ECDSA-SK or ED25519-SK.</summary>
    public required string Family { get; init; }

    /// <summary>The entries of a <c>from="…"</c> option in <see cref="Prefix"/>; empty when none.</summary>
    public IReadOnlyList<string> FromList => AuthorizedKeyOptions.FromList(Prefix);

    /// <summary><c>[prefix ]typecode base64[ comment]</c>.</summary>
    public string Line
    {
        get
        {
            var line = new StringBuilder();
            if (!string.IsNullOrEmpty(Prefix))
            {
                line.Append(Prefix).Append(' ');
            }

            line.Append(BlobLine);
            if (!string.IsNullOrEmpty(Comment))
            {
                line.Append(' ').Append(Comment);
            }

            return line.ToString();
        }
    }

    /// <summary><c>typecode base64</c>: the key itself, what duplicate detection compares.</summary>
    public string BlobLine => Typecode + " " + Base64;

    /// <summary>
    /// The Bastion's key info object (<c>get_ssh_pub_key_info</c>): <c>prefix</c> ("" when none), <c>typecode</c>,
    /// <c>base64</c>, <c>comment</c> (null when none), <c>line</c>, <c>id</c>, <c>mtime</c>, the from list,
    /// <c>size</c>, <c>fingerprint</c>, <c>family</c>.
    /// </summary>
    /// <param name="id">The 1-based line number in a listing; when null, The Bastion's own id: "id" and the first 8 hex
    /// digits of the MD5 of <see cref="Line"/>.</param>
    /// <param name="mtime">The key file's modification time (epoch seconds) for keys read from a file.</param>
    /// <param name="fromListSnakeCase">Name the from list <c>from_list</c> as the ingress key plugins do, instead of
    /// <c>fromList</c>.</param>
    public JsonObject ToJson(int? id = null, long? mtime = null, bool fromListSnakeCase = false)
    {
        var fromList = new JsonArray();
        foreach (var entry in FromList)
        {
            fromList.Add(entry);
        }

        var line = Line;
        return new JsonObject
        {
            ["prefix"] = Prefix ?? "",
            ["typecode"] = Typecode,
            ["base64"] = Base64,
            ["comment"] = string.IsNullOrEmpty(Comment) ? null : Comment,
            ["line"] = line,
            ["id"] = id is { } number ? JsonValue.Create(number) : JsonValue.Create(LineId(line)),
            ["mtime"] = mtime,
            [fromListSnakeCase ? FromListSnakeName : FromListName] = fromList,
            ["size"] = Size,
            ["fingerprint"] = Fingerprint,
            ["family"] = Family,
        };
    }

#pragma warning disable CA5351 // An identifier compatible with The Bastion's, not a security function.
    private static string LineId(string line) =>
        "id" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(line)))[..8];
#pragma warning restore CA5351
}
