using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart category remove CATEGORY... [--remove-children] [--remove-contents]</c>.</summary>
internal static class CategoryRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var categories = new Argument<string[]>("CATEGORY")
        {
            Description = "A uuid, or a path or glob matching exactly one category",
            Arity = ArgumentArity.OneOrMore,
        };
        var children = new Option<bool>("--remove-children") { Description = "Also remove the categories below it" };
        var contents = new Option<bool>("--remove-contents")
        {
            Description = "Also remove its connections (otherwise they move to the parent category)",
        };
        var command = new Command("remove", "Remove categories") { categories, children, contents };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = context.Client;
            var ids = (await new Resolver(client).CategoriesAsync(parseResult.GetValue(categories) ?? [], cancellationToken))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var answer = await client.CallAsync(
                "category/remove",
                new JsonObject
                {
                    ["categories"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]),
                    ["removeChildrenCategories"] = parseResult.GetValue(children),
                    ["removeContents"] = parseResult.GetValue(contents),
                },
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
