using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart apikey create NAME [--may-run-on-gateway | --account ACCOUNT]</c>: the key is printed once; the daemon keeps
/// only its hash.
/// </summary>
internal static class ApiKeyCreateCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "A name for the key: letters, digits, '-', '_' or '.'" };
        var gateway = new Option<bool>("--may-run-on-gateway")
        {
            Description = "Let its holder run commands and touch files on this machine itself (the local machine, nested shells on it, sshConfigHost entries); off by default",
        };
        var account = new Option<string?>("--account")
        {
            Description = "Make it a key of this bastion account: it sees and reaches only the ssh connections the account's accesses allow, while the account may log in",
            HelpName = "ACCOUNT",
        };
        var command = new Command("create", "Create an API key and print it (it cannot be shown again)") { name, gateway, account };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var answer = await context.Client.CallForObjectAsync(
                "rampart/apikey/create",
                new JsonObject { ["name"] = parseResult.GetValue(name), ["mayRunOnGateway"] = parseResult.GetValue(gateway), ["account"] = parseResult.GetValue(account) },
                cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            // The key alone on stdout, so KEY=$(rampart apikey create ci) works; the reminder goes to stderr.
            await Printer.LineAsync(context.Output, Cells.Of(answer["key"]), cancellationToken);
            await Printer.LineAsync(
                context.Error,
                $"note: this is the only time the key of '{Cells.Of(answer["name"])}' is shown; it cannot be shown again, so store it now",
                cancellationToken);
        });
        return command;
    }
}
