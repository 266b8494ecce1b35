using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart apikey list</c>: every key, revoked ones included, with its bastion account; never the keys themselves.</summary>
internal static class ApiKeyListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List the API keys");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var answer = await context.Client.CallForObjectAsync("rampart/apikey/list", new JsonObject(), cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            var table = new Table("ID", "NAME", "PREFIX", "ACCOUNT", "CREATED", "LAST USED", "REVOKED");
            foreach (var key in (answer["keys"] as JsonArray ?? []).OfType<JsonObject>())
            {
                table.Add(
                    Cells.Of(key["id"]), Cells.Of(key["name"]), Cells.Of(key["prefix"]), Cells.Of(key["account"]), Cells.Of(key["created"]), Cells.Of(key["lastUsed"]),
                    Cells.Of(key["revoked"]));
            }

            await table.WriteAsync(context.Output, cancellationToken);
        });
        return command;
    }
}
