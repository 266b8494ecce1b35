using System.Text.RegularExpressions;

namespace Rampart.Bastion.Osh;

/// <summary>
/// The exact bytes the reference prints on stdout for an envelope (its <c>json_output</c>):
/// <list type="bullet">
/// <item><c>--json</c>: <c>"\nJSON_START\n" + compact + "\nJSON_END\n"</c>;</item>
/// <item><c>--json-pretty</c>: the same anchors around the pretty text, which itself ends with a newline, so an
/// empty line precedes <c>JSON_END</c>;</item>
/// <item><c>--json-greppable</c>: <c>"\nJSON_OUTPUT=" + compact + "\n"</c>, CR and LF in the JSON turned into
/// spaces.</item>
/// </list>
/// Inside the JSON, <c>JSON_START</c>, <c>JSON_OUTPUT</c> and <c>JSON_END</c> become <c>JSON__START</c> etc., so a
/// value can never fake an anchor. Human mode prints no JSON.
/// </summary>
public static partial class OshEnvelopeWriter
{
    public static string Frame(OshEnvelope envelope, OshOutputMode mode)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return mode switch
        {
            OshOutputMode.Human => "",
            OshOutputMode.Json => "\nJSON_START\n" + Payload(envelope, pretty: false) + "\nJSON_END\n",
            OshOutputMode.JsonPretty => "\nJSON_START\n" + Payload(envelope, pretty: true) + "\nJSON_END\n",
            OshOutputMode.JsonGreppable =>
                "\nJSON_OUTPUT=" + Payload(envelope, pretty: false).Replace('\r', ' ').Replace('\n', ' ') + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown output mode."),
        };
    }

    private static string Payload(OshEnvelope envelope, bool pretty) =>
        Anchor().Replace(OshJson.Envelope(envelope, pretty), "JSON__$1");

    [GeneratedRegex("JSON_(START|OUTPUT|END)", RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();
}
