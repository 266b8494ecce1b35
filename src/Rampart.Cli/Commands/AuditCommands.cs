using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart audit tail [-n N]</c>, <c>rampart audit search [--actor --action --target --outcome --since] [-n N]</c>
/// and <c>rampart audit verify</c> (exit 1 when the hash chain is broken). Local owner only.
/// </summary>
internal static class AuditCommands
{
    private static readonly string[] s_filters = ["actor", "action", "target", "outcome", "since"];

    public static Command Create(CliContext context)
    {
        var tail = new Command("tail", "The newest audit records, oldest first");
        var tailCount = Count();
        tail.Options.Add(tailCount);
        tail.SetAction((parseResult, ct) => ShowAsync(context, parseResult, new JsonObject { ["limit"] = parseResult.GetValue(tailCount) }, ct));

        var search = new Command("search", "Audit records matching every given filter (substrings, case-insensitive)");
        var searchCount = Count();
        var filters = s_filters
            .Select(name => new Option<string?>("--" + name) { Description = name == "since" ? "ISO 8601 time, e.g. 2026-11-23T10:00:00Z" : $"Filter on {name}" })
            .ToList();
        search.Options.Add(searchCount);
        filters.ForEach(search.Options.Add);
        search.SetAction((parseResult, ct) =>
        {
            var body = new JsonObject { ["limit"] = parseResult.GetValue(searchCount) };
            foreach (var filter in filters)
            {
                body[filter.Name.TrimStart('-')] = parseResult.GetValue(filter);
            }

            return ShowAsync(context, parseResult, body, ct);
        });

        var verify = new Command("verify", "Check the audit trail's hash chain; exit 1 if any record was edited, inserted or deleted");
        verify.SetAction(async (parseResult, ct) =>
        {
            var answer = await context.Client.CallForObjectAsync("rampart/audit/verify", [], ct);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, ct);
            }
            else if (answer["intact"]?.GetValue<bool>() == true)
            {
                await Printer.LineAsync(context.Output, $"intact: {answer["records"]} records, last hash {answer["lastHash"]}", ct);
            }
            else
            {
                await context.Error.WriteLineAsync($"rampart: the audit trail is broken: {answer["problem"]} ({answer["records"]} records check out before it)");
            }

            return answer["intact"]?.GetValue<bool>() == true ? (int)ExitCode.Success : (int)ExitCode.Failure;
        });

        return new Command("audit", "Read and verify the audit trail (local owner only)") { tail, search, verify };
    }

    private static Option<int> Count() => new("--lines", "-n") { Description = "How many records (default 20)", DefaultValueFactory = _ => 20 };

    private static async Task ShowAsync(CliContext context, ParseResult parseResult, JsonObject body, CancellationToken ct)
    {
        var answer = await context.Client.CallForObjectAsync("rampart/audit/query", body, ct);
        if (context.WantsJson(parseResult))
        {
            await Printer.JsonAsync(context.Output, answer, ct);
            return;
        }

        foreach (var record in (answer["records"] as JsonArray ?? []).Reverse())
        {
            string Text(string key) => record![key]?.GetValue<string>() ?? "-";
            await Printer.LineAsync(context.Output, string.Create(CultureInfo.InvariantCulture,
                $"{record!["sequence"]} {Text("time")} {Text("outcome")} {Text("actor")}@{Text("source")} {Text("action")} {Text("target")} {Text("detail")}"), ct);
        }
    }
}
