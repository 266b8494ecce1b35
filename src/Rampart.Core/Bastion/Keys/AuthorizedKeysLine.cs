using System.Buffers;

namespace Rampart.Core.Bastion.Keys;

/// <summary>The line written for sshd: the key with a <c>from="…"</c> option built from a list, replacing any prefix.</summary>
public static class AuthorizedKeysLine
{
    // Addresses, CIDRs, host patterns and negations; nothing that could close the quotes or start another option.
    private static readonly SearchValues<char> _patternChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.:/*?!-_%[]");

    /// <summary><c>[from="a,b" ]typecode base64[ comment]</c>.</summary>
    /// <exception cref="ArgumentException">An entry is empty or holds a character sshd would not read as part of it.</exception>
    public static string Format(SshPublicKey key, IReadOnlyList<string> fromList)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fromList);
        return (key with { Prefix = FromOption(fromList) }).Line;
    }

    /// <summary><c>from="a,b"</c>, or null for an empty list.</summary>
    public static string? FromOption(IReadOnlyList<string> fromList)
    {
        ArgumentNullException.ThrowIfNull(fromList);
        foreach (var entry in fromList)
        {
            if (string.IsNullOrEmpty(entry) || entry.AsSpan().ContainsAnyExcept(_patternChars))
            {
                throw new ArgumentException($"'{entry}' is not a valid from= entry.", nameof(fromList));
            }
        }

        return fromList.Count == 0 ? null : "from=\"" + string.Join(',', fromList) + "\"";
    }
}
