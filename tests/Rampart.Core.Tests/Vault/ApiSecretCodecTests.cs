using System.Text.Json;
using Rampart.Core.Errors;
using Rampart.Core.Vault;

namespace Rampart.Core.Tests.Vault;

public sealed class ApiSecretCodecTests : IDisposable
{
    private const string ParseError = "Unable to parse secret";
    private const string ForeignVault = "The secret was encrypted by another vault";
    private const string Tampered = "The secret was tampered with or belongs to another vault";

    private readonly VaultCipher _cipher = new(VaultCipher.GenerateKey());
    private readonly VaultCipher _foreignCipher = new(VaultCipher.GenerateKey());
    private readonly ApiSecretCodec _codec;
    private readonly ApiSecretCodec _foreignCodec;

    public ApiSecretCodecTests()
    {
        _codec = new ApiSecretCodec(_cipher);
        _foreignCodec = new ApiSecretCodec(_foreignCipher);
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _foreignCipher.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("пароль 🔑 密码 \"quoted\" \\ \u0000")]
    public void An_encrypted_value_decrypts_to_itself(string value)
    {
        var encrypted = _codec.Encrypt(value);

        Assert.Equal(value, Decrypt(encrypted.ToJsonString()));
    }

    [Fact]
    public void The_encrypted_object_has_xpipes_shape()
    {
        var encrypted = _codec.Encrypt("value");

        Assert.Equal(["secret", "encryptedToken"], encrypted.Select(p => p.Key));
        var secret = encrypted["secret"]!.AsObject();
        Assert.Equal(["type", "encryptedValue"], secret.Select(p => p.Key));
        Assert.Equal("vault", (string?)secret["type"]);
        var token = encrypted["encryptedToken"]!.AsObject();
        Assert.Equal(["token"], token.Select(p => p.Key));
        foreach (var text in new[] { (string)secret["encryptedValue"]!, (string)token["token"]! })
        {
            Assert.DoesNotContain('+', text);
            Assert.DoesNotContain('/', text);
            Assert.Equal(0, text.Length % 4);
        }
    }

    [Fact]
    public void The_value_is_sealed_for_the_api_owner_and_the_token_is_the_marker()
    {
        var encrypted = _codec.Encrypt("value");

        var value = Base64Swapped.DecodeCandidates((string)encrypted["secret"]!["encryptedValue"]!)[0];
        var token = Base64Swapped.DecodeCandidates((string)encrypted["encryptedToken"]!["token"]!)[0];

        Assert.Equal("value", _cipher.OpenString(value, "xpipe-api"));
        Assert.Equal("rampart", _cipher.OpenString(token, "xpipe-api-token"));
        Assert.Throws<VaultSecretException>(() => _cipher.OpenString(value, "xpipe-api-token"));
    }

    [Fact]
    public void The_legacy_bare_secret_decrypts()
    {
        var encrypted = _codec.Encrypt("value");

        Assert.Equal("value", Decrypt(encrypted["secret"]!.ToJsonString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_missing_or_null_token_is_accepted(bool nullToken)
    {
        var encrypted = _codec.Encrypt("value");
        if (nullToken)
        {
            encrypted["encryptedToken"] = null;
        }
        else
        {
            encrypted.Remove("encryptedToken");
        }

        Assert.Equal("value", Decrypt(encrypted.ToJsonString()));
    }

    [Fact]
    public void Standard_base64_is_accepted_and_url_safe_is_not_a_second_reading()
    {
        // Enough values that the blobs contain both of the swapped characters.
        for (var i = 0; i < 50; i++)
        {
            var encrypted = _codec.Encrypt("value");
            var standard = Base64Swapped.DecodeCandidates((string)encrypted["secret"]!["encryptedValue"]!)[0];

            encrypted["secret"]!["encryptedValue"] = Convert.ToBase64String(standard);
            Assert.Equal("value", Decrypt(encrypted.ToJsonString()));

            var urlSafe = Convert.ToBase64String(standard).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            if (urlSafe.AsSpan().ContainsAny('-', '_'))
            {
                encrypted["secret"]!["encryptedValue"] = urlSafe;
                Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString()));
            }
        }
    }

    [Fact]
    public void A_secret_from_another_vault_is_recognised_by_its_token()
    {
        var foreign = _foreignCodec.Encrypt("value");

        var exception = Assert.Throws<VaultSecretException>(() => Decrypt(foreign.ToJsonString()));

        Assert.Equal(ForeignVault, exception.Message);
        Assert.IsType<ClientErrorException>(exception, exactMatch: false);
    }

    [Fact]
    public void A_bare_secret_from_another_vault_is_refused()
    {
        var foreign = _foreignCodec.Encrypt("value");

        var exception = Assert.Throws<VaultSecretException>(() => Decrypt(foreign["secret"]!.ToJsonString()));

        Assert.Equal(Tampered, exception.Message);
    }

    [Fact]
    public void A_foreign_value_with_our_token_is_refused_as_tampered()
    {
        var encrypted = _codec.Encrypt("value");
        encrypted["secret"]!["encryptedValue"] = (string)_foreignCodec.Encrypt("other")["secret"]!["encryptedValue"]!;

        var exception = Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString()));

        Assert.Equal(Tampered, exception.Message);
    }

    [Fact]
    public void Every_bit_flip_in_the_value_is_refused_as_tampered()
    {
        var encrypted = _codec.Encrypt("secret value");
        var sealedValue = Base64Swapped.DecodeCandidates((string)encrypted["secret"]!["encryptedValue"]!)[0];

        for (var i = 0; i < sealedValue.Length * 8; i++)
        {
            var tampered = (byte[])sealedValue.Clone();
            tampered[i / 8] ^= (byte)(1 << (i % 8));
            encrypted["secret"]!["encryptedValue"] = Base64Swapped.Encode(tampered);

            var exception = Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString()));
            Assert.Equal(Tampered, exception.Message);
            Assert.DoesNotContain("secret value", exception.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_truncated_value_is_refused_as_tampered()
    {
        var encrypted = _codec.Encrypt("secret value");
        var sealedValue = Base64Swapped.DecodeCandidates((string)encrypted["secret"]!["encryptedValue"]!)[0];

        for (var length = 0; length < sealedValue.Length; length++)
        {
            encrypted["secret"]!["encryptedValue"] = Base64Swapped.Encode(sealedValue.AsSpan(0, length));
            Assert.Equal(Tampered, Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString())).Message);
        }
    }

    [Fact]
    public void Blobs_cannot_be_swapped_between_the_value_and_the_token_or_other_owners()
    {
        var encrypted = _codec.Encrypt("value");
        var token = (string)encrypted["encryptedToken"]!["token"]!;

        // The token as the value: it is sealed for the token owner, so it does not open as a value.
        encrypted["secret"]!["encryptedValue"] = token;
        Assert.Equal(Tampered, Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString())).Message);

        // A connection's stored secret, sealed for its own owner id, does not decrypt through the API.
        encrypted["secret"]!["encryptedValue"] = Base64Swapped.Encode(_cipher.SealString("ssh password", "connection:1"));
        Assert.Equal(Tampered, Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString())).Message);

        // A value as the token: not the marker's owner, so the token says "another vault".
        var other = _codec.Encrypt("rampart");
        other["encryptedToken"]!["token"] = (string)other["secret"]!["encryptedValue"]!;
        Assert.Equal(ForeignVault, Assert.Throws<VaultSecretException>(() => Decrypt(other.ToJsonString())).Message);
    }

    [Theory]
    [InlineData("locked")]
    [InlineData("default")]
    [InlineData("Vault")]
    [InlineData("")]
    public void Other_secret_types_are_refused_by_name(string type)
    {
        var encrypted = _codec.Encrypt("value");
        encrypted["secret"]!["type"] = type;

        var exception = Assert.Throws<VaultSecretException>(() => Decrypt(encrypted.ToJsonString()));

        Assert.Equal(
            $"Unsupported secret type '{type}': only secrets encrypted by this Rampart vault can be decrypted",
            exception.Message);
    }

    [Fact]
    public void An_unknown_type_is_quoted_short_and_printable()
    {
        var json = """{"type": "evil\u001b[31m\r\nline-with-a-very-long-name-that-goes-on-and-on-and-on-forever", "encryptedValue": "AAAA"}""";

        var message = Assert.Throws<VaultSecretException>(() => Decrypt(json)).Message;

        Assert.DoesNotContain('\u001b', message);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("forever", message, StringComparison.Ordinal);
        Assert.StartsWith("Unsupported secret type 'evil?[31m??line", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("-1.5e300")]
    [InlineData("\"vault\"")]
    [InlineData("[]")]
    [InlineData("[{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"}]")]
    [InlineData("{}")]
    [InlineData("{\"secret\":null}")]
    [InlineData("{\"secret\":true}")]
    [InlineData("{\"secret\":1}")]
    [InlineData("{\"secret\":\"x\"}")]
    [InlineData("{\"secret\":[]}")]
    [InlineData("{\"secret\":{}}")]
    [InlineData("{\"type\":null,\"encryptedValue\":\"AAAA\"}")]
    [InlineData("{\"type\":1,\"encryptedValue\":\"AAAA\"}")]
    [InlineData("{\"type\":[\"vault\"],\"encryptedValue\":\"AAAA\"}")]
    [InlineData("{\"type\":{\"vault\":1},\"encryptedValue\":\"AAAA\"}")]
    [InlineData("{\"type\":\"\\ud800\",\"encryptedValue\":\"AAAA\"}")]
    [InlineData("{\"type\":\"vault\"}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":null}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":false}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":12345678}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":[\"AAAA\"]}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":{}}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":\"not base64!\"}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":\"A\"}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":\"AA+-\"}")]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":\"\\ud800AAA\"}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":true}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":\"AAAA\"}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":[]}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":{}}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":{\"token\":null}}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":{\"token\":7}}")]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":{\"token\":\"%%%%\"}}")]
    public void Unparseable_input_is_refused_as_unparseable(string json)
    {
        var exception = Assert.Throws<VaultSecretException>(() => Decrypt(json));

        Assert.Equal(ParseError, exception.Message);
    }

    [Theory]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":\"\"}", Tampered)]
    [InlineData("{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"}", Tampered)]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":{\"token\":\"AAAA\"}}", ForeignVault)]
    [InlineData("{\"secret\":{\"type\":\"vault\",\"encryptedValue\":\"AAAA\"},\"encryptedToken\":{\"token\":\"\"}}", ForeignVault)]
    public void Well_formed_but_unopenable_input_is_refused_by_cause(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<VaultSecretException>(() => Decrypt(json)).Message);
    }

    [Fact]
    public void A_default_json_element_is_refused()
    {
        Assert.Equal(ParseError, Assert.Throws<VaultSecretException>(() => _codec.Decrypt(default)).Message);
    }

    [Fact]
    public void Any_single_character_mutation_either_decrypts_to_the_value_or_is_a_vault_error()
    {
        const string Value = "secret value";
        var original = _codec.Encrypt(Value).ToJsonString();
        string[] replacements = ["", "A", "a", "0", "-", "_", "+", "/", "=", " ", "\"", "{", "}", "[", ":", ",", "\\", "null"];

        for (var i = 0; i < original.Length; i++)
        {
            foreach (var replacement in replacements)
            {
                var mutated = string.Concat(original.AsSpan(0, i), replacement, original.AsSpan(i + 1));
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(mutated);
                }
                catch (JsonException)
                {
                    continue;
                }

                using (document)
                {
                    try
                    {
                        Assert.Equal(Value, _codec.Decrypt(document.RootElement));
                    }
                    catch (VaultSecretException exception)
                    {
                        Assert.DoesNotContain(Value, exception.ToString(), StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    [Fact]
    public void Encrypting_the_same_value_twice_gives_different_ciphertexts()
    {
        var first = _codec.Encrypt("value");
        var second = _codec.Encrypt("value");

        Assert.NotEqual((string?)first["secret"]!["encryptedValue"], (string?)second["secret"]!["encryptedValue"]);
        Assert.NotEqual((string?)first["encryptedToken"]!["token"], (string?)second["encryptedToken"]!["token"]);
    }

    private string Decrypt(string json)
    {
        using var document = JsonDocument.Parse(json);
        return _codec.Decrypt(document.RootElement);
    }
}
