using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Vault;

/// <summary>
/// XPipe's wire format for <c>/secret/encrypt</c> and <c>/secret/decrypt</c>:
/// <c>{"secret": {"type": "vault", "encryptedValue": b64e}, "encryptedToken": {"token": b64e}}</c>.
/// The token is a fixed marker sealed under its own owner id, so decrypt can tell "sealed by another vault" (the token
/// does not open) from "tampered value" (the token opens, the value does not). Every failure is a
/// <see cref="VaultSecretException"/>.
/// </summary>
public sealed class ApiSecretCodec(VaultCipher cipher)
{
    public const string SecretType = "vault";
    public const string ValueOwnerId = "xpipe-api";
    public const string TokenOwnerId = "xpipe-api-token";
    public const string TokenMarker = "rampart";

    private const string ParseError = "Unable to parse secret";
    private const string ForeignVault = "The secret was encrypted by another vault";
    private const string Tampered = "The secret was tampered with or belongs to another vault";
    private const int MaxTypeShown = 40;

    private readonly VaultCipher _cipher = cipher ?? throw new ArgumentNullException(nameof(cipher));

    public JsonObject Encrypt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new JsonObject
        {
            ["secret"] = new JsonObject
            {
                ["type"] = SecretType,
                ["encryptedValue"] = Base64Swapped.Encode(_cipher.SealString(value, ValueOwnerId)),
            },
            ["encryptedToken"] = new JsonObject
            {
                ["token"] = Base64Swapped.Encode(_cipher.SealString(TokenMarker, TokenOwnerId)),
            },
        };
    }

    /// <summary>Accepts the wrapped object, the legacy bare <c>{"type", "encryptedValue"}</c>, and a missing token.</summary>
    public string Decrypt(JsonElement encrypted)
    {
        if (encrypted.ValueKind != JsonValueKind.Object)
        {
            throw new VaultSecretException(ParseError);
        }

        var secret = encrypted;
        if (encrypted.TryGetProperty("secret", out var wrapped))
        {
            secret = wrapped.ValueKind == JsonValueKind.Object ? wrapped : throw new VaultSecretException(ParseError);
        }

        var type = RequireString(secret, "type");
        if (!string.Equals(type, SecretType, StringComparison.Ordinal))
        {
            throw new VaultSecretException(
                $"Unsupported secret type '{Shown(type)}': only secrets encrypted by this Rampart vault can be decrypted");
        }

        var value = Base64Swapped.DecodeCandidates(RequireString(secret, "encryptedValue"));
        if (value.Count == 0)
        {
            throw new VaultSecretException(ParseError);
        }

        if (encrypted.TryGetProperty("encryptedToken", out var tokenObject) && tokenObject.ValueKind != JsonValueKind.Null)
        {
            if (tokenObject.ValueKind != JsonValueKind.Object)
            {
                throw new VaultSecretException(ParseError);
            }

            var token = Base64Swapped.DecodeCandidates(RequireString(tokenObject, "token"));
            if (token.Count == 0)
            {
                throw new VaultSecretException(ParseError);
            }

            if (!token.Any(IsOurToken))
            {
                throw new VaultSecretException(ForeignVault);
            }
        }

        foreach (var candidate in value)
        {
            if (TryOpen(candidate, ValueOwnerId, out var plaintext))
            {
                return plaintext;
            }
        }

        throw new VaultSecretException(Tampered);
    }

    private bool IsOurToken(byte[] candidate) =>
        TryOpen(candidate, TokenOwnerId, out var marker) && string.Equals(marker, TokenMarker, StringComparison.Ordinal);

    private bool TryOpen(byte[] sealedValue, string ownerId, out string plaintext)
    {
        try
        {
            plaintext = _cipher.OpenString(sealedValue, ownerId);
            return true;
        }
        catch (VaultSecretException)
        {
            plaintext = string.Empty;
            return false;
        }
    }

    private static string RequireString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            throw new VaultSecretException(ParseError);
        }

        try
        {
            return property.GetString() ?? throw new VaultSecretException(ParseError);
        }
        catch (InvalidOperationException)
        {
            // A string the document accepted but .NET cannot represent, such as a lone surrogate escape.
            throw new VaultSecretException(ParseError);
        }
    }

    /// <summary>The client's type name, short and printable, for the error message.</summary>
    private static string Shown(string type)
    {
        var shown = new StringBuilder(Math.Min(type.Length, MaxTypeShown) + 1);
        foreach (var c in type.AsSpan(0, Math.Min(type.Length, MaxTypeShown)))
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        if (type.Length > MaxTypeShown)
        {
            shown.Append('…');
        }

        return shown.ToString();
    }
}
