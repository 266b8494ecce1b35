using System.CommandLine;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart category info CATEGORY...</c>.</summary>
internal static class CategoryInfoCommand
{
    public static Command Create(CliContext context)
    {
        var categories = new Argument<string[]>("CATEGORY")
        {
            Description = "A uuid, or a path or glob matching exactly one category (\"default\", \"all scripts/custom\")",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("info", "Show the full details of categories") { categories };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = context.Client;
            var ids = await new Resolver(client).CategoriesAsync(parseResult.GetValue(categories) ?? [], cancellationToken);
            var answer = await InfoFetcher.FetchAsync(client, "category/info", "categories", ids, cancellationToken);
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
