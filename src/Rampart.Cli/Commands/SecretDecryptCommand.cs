using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Input;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart secret decrypt [JSON|@FILE|-]</c>: prints the plaintext of an encrypted secret.</summary>
internal static class SecretDecryptCommand
{
    public static Command Create(CliContext context)
    {
        var encrypted = new Argument<string?>("ENCRYPTED")
        {
            Description = "The encrypted JSON object inline, as @FILE, or - for stdin (the default); "
                + "the {\"encrypted\": …} answer of 'secret encrypt --json' works too",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("decrypt", "Decrypt an encrypted secret and print the plaintext") { encrypted };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = await InputText.ReadAsync(parseResult.GetValue(encrypted) ?? "-", "the encrypted secret", context.Input, cancellationToken);
            var node = JsonText.Parse(text, "the encrypted secret");
            if (node is JsonObject { Count: 1 } wrapper && wrapper["encrypted"] is { } inner)
            {
                // Accept the daemon's whole encrypt answer, so `encrypt --json | decrypt` round-trips.
                wrapper.Remove("encrypted");
                node = inner;
            }

            var answer = await context.Client.CallForObjectAsync("secret/decrypt", new JsonObject { ["encrypted"] = node }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            var plain = answer["decrypted"] is JsonValue decrypted && decrypted.TryGetValue<string>(out var value)
                ? value
                : throw new CliException("the daemon answered /secret/decrypt without a \"decrypted\" text");
            await Printer.LineAsync(context.Output, plain, cancellationToken);
        });
        return command;
    }
}
