using System.Text.Json.Nodes;

namespace Rampart.Cli.Output;

/// <summary>Writes command results to the context's output writer.</summary>
internal static class Printer
{
    public static Task LineAsync(TextWriter output, string text, CancellationToken cancellationToken) =>
        output.WriteLineAsync(text.AsMemory(), cancellationToken);

    /// <summary>The daemon's JSON, indented; nothing for XPipe's empty 200 (there is no JSON to pipe).</summary>
    public static Task JsonAsync(TextWriter output, JsonNode? answer, CancellationToken cancellationToken) =>
        answer is null ? Task.CompletedTask : LineAsync(output, JsonText.Indented(answer), cancellationToken);
}
