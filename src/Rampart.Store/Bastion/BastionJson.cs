using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rampart.Core.Bastion.Keys;

namespace Rampart.Store.Bastion;

/// <summary>
/// How bastion records are stored: one JSON document per account, group or session. Networks and public keys are
/// kept in their text forms and parsed back on load, so the documents stay readable with sqlite3.
/// </summary>
internal static class BastionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new NetworkConverter(), new PublicKeyConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Computed properties (IsAuditor, MfaState) are derived on load, not stored.
        IgnoreReadOnlyProperties = true,
    };

    private sealed class NetworkConverter : JsonConverter<IPNetwork>
    {
        public override IPNetwork Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IPNetwork.Parse(reader.GetString() ?? throw new JsonException("A network is null."));

        public override void Write(Utf8JsonWriter writer, IPNetwork value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    private sealed class PublicKeyConverter : JsonConverter<SshPublicKey>
    {
        public override SshPublicKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var line = reader.GetString() ?? throw new JsonException("A public key is null.");
            return SshPublicKeyParser.TryParse(line, out var key, out _, out var message)
                ? key!
                : throw new JsonException($"A stored public key does not parse: {message}");
        }

        public override void Write(Utf8JsonWriter writer, SshPublicKey value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Line);
    }
}
