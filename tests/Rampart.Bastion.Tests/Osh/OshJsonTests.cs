using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

public sealed class OshJsonTests
{
    [Fact]
    public void Compact_escapes_like_perl_json_in_ascii_mode()
    {
        var node = new JsonObject { ["s"] = "\u00e9\U0001F600</>&'\"\\\u0001\u007f\t\n\r\b\f\u000b\u2028" };

        Assert.Equal("{\"s\":\"\\u00e9\\ud83d\\ude00</>&'\\\"\\\\\\u0001\u007f\\t\\n\\r\\b\\f\\u000b\\u2028\"}",
            OshJson.Compact(node));
    }

    [Fact]
    public void Compact_keeps_member_order_and_writes_scalars()
    {
        var node = new JsonObject
        {
            ["z"] = 1,
            ["a"] = false,
            ["m"] = null,
            ["n"] = -12.5,
            ["port"] = "22",
        };

        Assert.Equal("{\"z\":1,\"a\":false,\"m\":null,\"n\":-12.5,\"port\":\"22\"}", OshJson.Compact(node));
    }

    [Fact]
    public void Pretty_has_the_json_xs_shape_and_a_final_newline()
    {
        var node = new JsonObject
        {
            ["a"] = new JsonArray(),
            ["b"] = new JsonObject(),
            ["c"] = new JsonArray(1, "x"),
            ["d"] = new JsonObject { ["e"] = null },
        };

        Assert.Equal(
            "{\n   \"a\" : [],\n   \"b\" : {},\n   \"c\" : [\n      1,\n      \"x\"\n   ],\n   \"d\" : {\n      \"e\" : null\n   }\n}\n",
            OshJson.Pretty(node));
    }

    [Fact]
    public void Top_level_scalars_and_null()
    {
        Assert.Equal("null", OshJson.Compact(null));
        Assert.Equal("null\n", OshJson.Pretty(null));
        Assert.Equal("\"\\u00fc\"", OshJson.Compact(JsonValue.Create("\u00fc")));
        Assert.Equal("[]\n", OshJson.Pretty(new JsonArray()));
    }

    [Fact]
    public void Non_string_clr_values_are_written_as_their_json_string()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal("[\"0f8fad5b-d9cb-469f-a165-70867728950e\"]", OshJson.Compact(new JsonArray(JsonValue.Create(id))));
    }

    [Fact]
    public void Quote_escapes_one_string()
    {
        Assert.Equal("\"a\\\"b\\u00e9\"", OshJson.Quote("a\"b\u00e9"));
    }
}
