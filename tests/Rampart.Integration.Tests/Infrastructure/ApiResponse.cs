using System.Text;
using System.Text.Json.Nodes;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>An HTTP answer as the tests look at it: status, raw bytes, and the JSON if there is any.</summary>
public sealed record ApiResponse(int Status, byte[] Body, string? ContentType)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The message of a 400/401/403 body, or of a 500 body's error.</summary>
    public string? Message => Json?["message"]?.GetValue<string>() ?? Json?["error"]?["message"]?.GetValue<string>();

    public override string ToString() => $"{Status} {Text}";
}
