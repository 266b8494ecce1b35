using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart category add NAME --parent CATEGORY</c>; adding an existing name returns the existing id.</summary>
internal static class CategoryAddCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The new category's name" };
        var parent = new Option<string>("--parent")
        {
            HelpName = "CATEGORY",
            Description = "The parent category: uuid, path or glob (\"all connections\", \"default\")",
            Required = true,
        };
        var command = new Command("add", "Add a category under a parent; prints its id") { name, parent };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var parentId = await new Resolver(context.Client).CategoryAsync(parseResult.GetValue(parent)!, cancellationToken);
            var answer = await context.Client.CallForObjectAsync(
                "category/add", new JsonObject { ["name"] = parseResult.GetValue(name), ["parent"] = parentId }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            await Printer.LineAsync(context.Output, Cells.Of(answer["category"]), cancellationToken);
        });
        return command;
    }
}
