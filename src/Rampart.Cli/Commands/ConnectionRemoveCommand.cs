using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart connection remove CONNECTION...</c>; the daemon removes each entry's children too.</summary>
internal static class ConnectionRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var connections = new Argument<string[]>("CONNECTION")
        {
            Description = "A uuid, or a name or glob matching exactly one connection",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("remove", "Remove connections, and everything listed under them") { connections };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = context.Client;
            // Resolve all first: one unknown name removes nothing rather than half the list.
            var ids = (await new Resolver(client).ConnectionsAsync(parseResult.GetValue(connections) ?? [], cancellationToken))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var answer = await client.CallAsync(
                "connection/remove",
                new JsonObject { ["connections"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]) },
                cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            foreach (var id in ids)
            {
                await Printer.LineAsync(context.Output, "removed " + id, cancellationToken);
            }
        });
        return command;
    }
}
