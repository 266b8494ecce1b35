using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Vault;

namespace Rampart.Core.Import;

/// <summary>
/// The vault as one import uses it: a secret that an existing connection already holds is kept as it is (so a
/// re-import changes nothing), and equal secrets within one import are sealed once (thousands of hosts usually share
/// one key file).
/// </summary>
public sealed class ImportSecrets(ApiSecretCodec codec)
{
    private readonly Dictionary<string, JsonObject> _sealed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _opened = new(StringComparer.Ordinal);

    public JsonNode Seal(string plaintext, JsonNode? previous)
    {
        if (previous is JsonObject encrypted && Open(encrypted) == plaintext)
        {
            return encrypted.DeepClone();
        }

        if (!_sealed.TryGetValue(plaintext, out var fresh))
        {
            fresh = codec.Encrypt(plaintext);
            _sealed[plaintext] = fresh;
        }

        return fresh.DeepClone();
    }

    private string? Open(JsonObject encrypted)
    {
        var text = encrypted.ToJsonString();
        if (!_opened.TryGetValue(text, out var plaintext))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                plaintext = codec.Decrypt(document.RootElement);
            }
            catch (ClientErrorException)
            {
                plaintext = null; // a secret this vault cannot open is replaced
            }

            _opened[text] = plaintext;
        }

        return plaintext;
    }
}
