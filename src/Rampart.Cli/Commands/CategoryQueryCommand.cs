using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart category query [FILTER]</c>.</summary>
internal static class CategoryQueryCommand
{
    public static Command Create(CliContext context)
    {
        var filter = new Argument<string>("FILTER")
        {
            Description = "Glob over the full lower-case path, root included: \"all connections/*\", \"**/prod\"",
            DefaultValueFactory = _ => "**",
        };
        var command = new Command("query", "List the categories matching a glob") { filter };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = context.Client;
            var found = await new Resolver(client).FoundAsync(
                "category/query", new JsonObject { ["filter"] = parseResult.GetValue(filter) }, cancellationToken);
            var answer = await InfoFetcher.FetchAsync(client, "category/info", "categories", found, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            var table = new Table("ID", "NAME", "PARENT");
            foreach (var info in InfoFetcher.Items(answer))
            {
                table.Add(Cells.Of(info["category"]), Cells.PathOf(info["name"]), Cells.Of(info["parentCategory"]));
            }

            await table.WriteAsync(context.Output, cancellationToken);
        });
        return command;
    }
}
