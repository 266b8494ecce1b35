using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

// Expected bytes were produced by the reference's framing code path (Perl JSON, utf8+ascii, canonical key order,
// which equals our fixed order) and pasted here.
public sealed class OshEnvelopeWriterTests
{
    private static readonly OshEnvelope Help = OshEnvelope.Ok("help");

    private static OshEnvelope Tricky() => OshEnvelope.Ok("selfListAccesses", new JsonObject
    {
        ["JSON_OUTPUT key"] = new JsonArray(1, "\U0001F600", true, null, new JsonObject(), new JsonArray()),
        ["text"] = "caf\u00e9 \"q\"\nline2\r\tJSON_END JSON_START JSON_OUTPUT JSON__END </tag> it's \\ \u0007",
    });

    [Fact]
    public void Json_mode_frames_one_compact_line_between_anchors()
    {
        Assert.Equal(
            "\nJSON_START\n{\"command\":\"help\",\"error_code\":\"OK\",\"error_message\":\"OK\",\"value\":null}\nJSON_END\n",
            OshEnvelopeWriter.Frame(Help, OshOutputMode.Json));
    }

    [Fact]
    public void Pretty_mode_indents_by_three_and_leaves_an_empty_line_before_the_end_anchor()
    {
        Assert.Equal(
            "\nJSON_START\n{\n   \"command\" : \"help\",\n   \"error_code\" : \"OK\",\n   \"error_message\" : \"OK\",\n   \"value\" : null\n}\n\nJSON_END\n",
            OshEnvelopeWriter.Frame(Help, OshOutputMode.JsonPretty));
    }

    [Fact]
    public void Greppable_mode_is_one_prefixed_line()
    {
        Assert.Equal(
            "\nJSON_OUTPUT={\"command\":\"help\",\"error_code\":\"OK\",\"error_message\":\"OK\",\"value\":null}\n",
            OshEnvelopeWriter.Frame(Help, OshOutputMode.JsonGreppable));
    }

    [Fact]
    public void Human_mode_prints_no_json()
    {
        Assert.Equal("", OshEnvelopeWriter.Frame(Help, OshOutputMode.Human));
    }

    [Fact]
    public void Json_mode_escapes_non_ascii_quotes_controls_and_defuses_anchors()
    {
        Assert.Equal(
            "\nJSON_START\n{\"command\":\"selfListAccesses\",\"error_code\":\"OK\",\"error_message\":\"OK\",\"value\":{\"JSON__OUTPUT key\":[1,\"\\ud83d\\ude00\",true,null,{},[]],\"text\":\"caf\\u00e9 \\\"q\\\"\\nline2\\r\\tJSON__END JSON__START JSON__OUTPUT JSON__END </tag> it's \\\\ \\u0007\"}}\nJSON_END\n",
            OshEnvelopeWriter.Frame(Tricky(), OshOutputMode.Json));
    }

    [Fact]
    public void Pretty_mode_nests_and_keeps_empty_containers_on_one_line()
    {
        Assert.Equal(
            "\nJSON_START\n{\n   \"command\" : \"selfListAccesses\",\n   \"error_code\" : \"OK\",\n   \"error_message\" : \"OK\",\n   \"value\" : {\n      \"JSON__OUTPUT key\" : [\n         1,\n         \"\\ud83d\\ude00\",\n         true,\n         null,\n         {},\n         []\n      ],\n      \"text\" : \"caf\\u00e9 \\\"q\\\"\\nline2\\r\\tJSON__END JSON__START JSON__OUTPUT JSON__END </tag> it's \\\\ \\u0007\"\n   }\n}\n\nJSON_END\n",
            OshEnvelopeWriter.Frame(Tricky(), OshOutputMode.JsonPretty));
    }

    [Fact]
    public void Greppable_mode_keeps_escaped_newlines_on_its_single_line()
    {
        Assert.Equal(
            "\nJSON_OUTPUT={\"command\":\"selfListAccesses\",\"error_code\":\"OK\",\"error_message\":\"OK\",\"value\":{\"JSON__OUTPUT key\":[1,\"\\ud83d\\ude00\",true,null,{},[]],\"text\":\"caf\\u00e9 \\\"q\\\"\\nline2\\r\\tJSON__END JSON__START JSON__OUTPUT JSON__END </tag> it's \\\\ \\u0007\"}}\n",
            OshEnvelopeWriter.Frame(Tricky(), OshOutputMode.JsonGreppable));
    }

    [Fact]
    public void A_shell_refusal_is_framed_with_null_command_and_value()
    {
        var error = OshShellError.FromReason(OshExitCode.NoHost, "no_host",
            "No osh command specified and no host to connect to", OshOutputMode.JsonGreppable, quiet: false);

        Assert.Equal(
            "\nJSON_OUTPUT={\"command\":null,\"error_code\":\"KO_NO_HOST\",\"error_message\":\"No osh command specified and no host to connect to\",\"value\":null}\n",
            OshEnvelopeWriter.Frame(error.ToEnvelope(), error.Mode));
    }

    [Fact]
    public void A_value_already_inside_another_document_is_written_without_being_moved()
    {
        var owner = new JsonObject { ["keys"] = new JsonArray("a") };
        var envelope = OshEnvelope.Ok("selfListIngressKeys", owner["keys"]);

        Assert.Equal(
            "\nJSON_START\n{\"command\":\"selfListIngressKeys\",\"error_code\":\"OK\",\"error_message\":\"OK\",\"value\":[\"a\"]}\nJSON_END\n",
            OshEnvelopeWriter.Frame(envelope, OshOutputMode.Json));
        Assert.Same(owner, owner["keys"]!.Parent);
    }
}
