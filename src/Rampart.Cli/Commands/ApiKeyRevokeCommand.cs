using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart apikey revoke NAME_OR_ID</c>: sessions opened with the key stop working at once.</summary>
internal static class ApiKeyRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var key = new Argument<string>("NAME_OR_ID") { Description = "The key's name or id" };
        var command = new Command("revoke", "Revoke an API key") { key };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var nameOrId = parseResult.GetValue(key)!;
            var answer = await context.Client.CallAsync("rampart/apikey/revoke", new JsonObject { ["name"] = nameOrId }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            await Printer.LineAsync(context.Output, "revoked " + nameOrId, cancellationToken);
        });
        return command;
    }
}
