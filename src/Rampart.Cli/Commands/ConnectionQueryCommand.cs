using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart connection query [--category GLOB] [--connection GLOB] [--type GLOB]</c>.</summary>
internal static class ConnectionQueryCommand
{
    public static Command Create(CliContext context)
    {
        var category = new Option<string>("--category")
        {
            HelpName = "GLOB",
            Description = "Glob over the full category path, root included: \"all connections/default\", \"**/prod\"",
            DefaultValueFactory = _ => "**",
        };
        var connection = new Option<string>("--connection")
        {
            HelpName = "GLOB",
            Description = "Glob over the lower-case name path: \"local machine\", \"**/web*\" ('*' stays within one level, '**' spans levels)",
            DefaultValueFactory = _ => "**",
        };
        var type = new Option<string>("--type")
        {
            HelpName = "GLOB",
            Description = "Glob over the type id: ssh, sshConfigHost, customService, …",
            DefaultValueFactory = _ => "*",
        };
        var command = new Command("query", "List the connections matching the filters") { category, connection, type };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = context.Client;
            var found = await new Resolver(client).FoundAsync(
                "connection/query",
                new JsonObject
                {
                    ["categoryFilter"] = parseResult.GetValue(category),
                    ["connectionFilter"] = parseResult.GetValue(connection),
                    ["typeFilter"] = parseResult.GetValue(type),
                },
                cancellationToken);
            var answer = await InfoFetcher.FetchAsync(client, "connection/info", "connections", found, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            var table = new Table("ID", "NAME", "TYPE", "CATEGORY");
            foreach (var info in InfoFetcher.Items(answer))
            {
                table.Add(Cells.Of(info["connection"]), Cells.PathOf(info["name"]), Cells.Of(info["type"]), Cells.PathOf(info["category"]));
            }

            await table.WriteAsync(context.Output, cancellationToken);
        });
        return command;
    }
}
