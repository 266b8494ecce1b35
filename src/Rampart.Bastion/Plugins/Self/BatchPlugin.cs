using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>batch</c>: runs the <c>--osh</c> commands read from stdin, one per line, until <c>exit</c>, <c>quit</c> or the
/// end of input, and returns every result: <c>[{command, result: {error_code, error_message, value}}]</c>.
/// </summary>
public sealed partial class BatchPlugin : OshPlugin
{
    public override string Name => "batch";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Run several commands read from stdin, one per line";

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var results = new JsonArray();
        var inner = new CapturedTerminal(call.Terminal);
        while (await call.Terminal.ReadLineAsync(cancellationToken) is { } raw)
        {
            var line = raw.Trim();
            if (line is "exit" or "quit")
            {
                break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            // Each line is run in JSON mode whatever it asks for: the batch's own envelope carries the results.
            var command = JsonOptions().Replace(line, " ").Trim();
            var envelope = await call.RunLine(command, inner, cancellationToken);
            results.Add(new JsonObject
            {
                ["command"] = line,
                ["result"] = new JsonObject
                {
                    ["error_code"] = envelope.ErrorCode,
                    ["error_message"] = envelope.ErrorMessage,
                    ["value"] = envelope.Value?.DeepClone(),
                },
            });
        }

        return Ok(results);
    }

    [GeneratedRegex(@"(^|\s)--json(-pretty|-greppable)?(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex JsonOptions();
}
