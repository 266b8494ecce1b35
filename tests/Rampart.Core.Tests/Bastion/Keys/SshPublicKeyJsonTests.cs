using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Core.Bastion.Keys;

namespace Rampart.Core.Tests.Bastion.Keys;

public sealed class SshPublicKeyJsonTests
{
    private const string Base64 = "AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl";

    // Keeps '+' and '"' readable in the expected text; escaping is the envelope writer's business.
    private static readonly JsonSerializerOptions _plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Key_info_has_the_bastions_fields_with_an_md5_line_id_by_default()
    {
        var json = Parse($"ssh-ed25519 {Base64} alice@laptop").ToJson();

        Assert.Equal(
            "{\"prefix\":\"\",\"typecode\":\"ssh-ed25519\",\"base64\":\"" + Base64 + "\",\"comment\":\"alice@laptop\","
            + "\"line\":\"ssh-ed25519 " + Base64 + " alice@laptop\",\"id\":\"idf039da2a\",\"mtime\":null,\"fromList\":[],"
            + "\"size\":256,\"fingerprint\":\"SHA256:z4S/9N2VWQODl5ixZoNyY5HjdvDrr9mtpjRAbslLd+s\",\"family\":\"ED25519\"}",
            json.ToJsonString(_plain));
    }

    [Fact]
    public void The_md5_id_covers_the_prefix()
    {
        var json = Parse($"from=\"1.2.3.4,5.6.7.0/24\" ssh-ed25519 {Base64} alice@laptop").ToJson();

        Assert.Equal("id42905a30", (string?)json["id"]);
        Assert.Equal("from=\"1.2.3.4,5.6.7.0/24\"", (string?)json["prefix"]);
        Assert.Equal("[\"1.2.3.4\",\"5.6.7.0/24\"]", json["fromList"]!.ToJsonString(_plain));
    }

    [Fact]
    public void A_listing_gives_a_line_number_an_mtime_and_from_list_in_snake_case()
    {
        var json = Parse($"from=\"192.0.2.7\" ssh-ed25519 {Base64}").ToJson(id: 3, mtime: 1700000000, fromListSnakeCase: true);

        Assert.Equal(3, (int)json["id"]!);
        Assert.Equal(1700000000L, (long)json["mtime"]!);
        Assert.Equal("[\"192.0.2.7\"]", json["from_list"]!.ToJsonString(_plain));
        Assert.False(json.ContainsKey("fromList"));
        Assert.Null(json["comment"]);
        Assert.True(json.ContainsKey("comment"));
        Assert.Equal(
            ["prefix", "typecode", "base64", "comment", "line", "id", "mtime", "from_list", "size", "fingerprint", "family"],
            json.Select(p => p.Key));
    }

    [Fact]
    public void Size_is_a_json_number()
    {
        var v = KeyVectors.Rsa4096;

        var json = Parse($"{v.Typecode} {v.Base64}").ToJson();

        Assert.Equal(JsonValueKind.Number, json["size"]!.GetValueKind());
        Assert.Equal(4096, (int)json["size"]!);
        Assert.Equal("RSA", (string?)json["family"]);
    }

    private static SshPublicKey Parse(string text)
    {
        Assert.True(SshPublicKeyParser.TryParse(text, out var key, out _, out _));
        return key;
    }
}
