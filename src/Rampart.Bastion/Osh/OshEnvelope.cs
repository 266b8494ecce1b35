using System.Text.Json.Nodes;

namespace Rampart.Bastion.Osh;

/// <summary>
/// The one JSON object every osh command ends with: <c>command</c> (null for refusals raised by the shell itself),
/// <c>error_code</c> (<c>OK*</c>, <c>KO*</c> or <c>ERR*</c>), <c>error_message</c> (never null) and <c>value</c>.
/// </summary>
public sealed record OshEnvelope(string? Command, string ErrorCode, string ErrorMessage, JsonNode? Value)
{
    /// <summary>Success: <c>OK</c> with an optional value; the message defaults to the code.</summary>
    public static OshEnvelope Ok(string command, JsonNode? value = null, string? message = null) =>
        new(command, "OK", MessageOrCode("OK", message), value);

    /// <summary>Any code (<c>KO_*</c>, <c>ERR_*</c>, or an <c>OK_*</c> variant); the message defaults to the code.</summary>
    public static OshEnvelope Fail(string? command, string code, string message, JsonNode? value = null) =>
        new(command, code, MessageOrCode(code, message), value);

    /// <summary>The reference's truth test on a result: the code starts with <c>OK</c>.</summary>
    public bool IsOk => ErrorCode.StartsWith("OK", StringComparison.Ordinal);

    /// <summary>
    /// The reference's result object answers its code when the message is false in Perl's eyes (undefined, empty
    /// or "0"), so an empty message never reaches the wire.
    /// </summary>
    internal static string MessageOrCode(string code, string? message) =>
        message is null or "" or "0" ? code : message;
}
