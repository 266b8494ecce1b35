using System.CommandLine;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart connection info CONNECTION...</c>: everything the daemon knows about each connection.</summary>
internal static class ConnectionInfoCommand
{
    public static Command Create(CliContext context)
    {
        var connections = new Argument<string[]>("CONNECTION")
        {
            Description = "A uuid, or a name or glob matching exactly one connection (\"local machine\", \"**/web1\")",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("info", "Show the full details of connections") { connections };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = context.Client;
            var ids = await new Resolver(client).ConnectionsAsync(parseResult.GetValue(connections) ?? [], cancellationToken);
            var answer = await InfoFetcher.FetchAsync(client, "connection/info", "connections", ids, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            var first = true;
            foreach (var info in InfoFetcher.Items(answer))
            {
                if (!first)
                {
                    await Printer.LineAsync(context.Output, "", cancellationToken);
                }

                first = false;
                await Cells.KeyValues(info).WriteAsync(context.Output, cancellationToken);
            }
        });
        return command;
    }
}
