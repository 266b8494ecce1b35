using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Input;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart secret encrypt [VALUE]</c>: seals a value with the vault key, for embedding in store JSON.</summary>
internal static class SecretEncryptCommand
{
    public static Command Create(CliContext context)
    {
        var value = new Argument<string?>("VALUE")
        {
            Description = "The value to encrypt. Better omitted: it is then read from stdin, because command-line "
                + "arguments are visible to other users (ps, /proc)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("encrypt", "Encrypt a secret (read from stdin) and print the encrypted JSON object") { value };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var plain = parseResult.GetValue(value) ?? await InputText.ReadStdinAsync(context.Input, cancellationToken);
            var answer = await context.Client.CallForObjectAsync("secret/encrypt", new JsonObject { ["value"] = plain }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            // One line, ready to paste into --data JSON.
            var encrypted = answer["encrypted"] ?? throw new CliException("the daemon answered /secret/encrypt without \"encrypted\"");
            await Printer.LineAsync(context.Output, JsonText.Compact(encrypted), cancellationToken);
        });
        return command;
    }
}
