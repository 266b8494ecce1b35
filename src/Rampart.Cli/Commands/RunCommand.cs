using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart run [--category GLOB] [--connection GLOB] [--type GLOB] [-p N] [--timeout S] [--script FILE] -- COMMAND</c>:
/// one command (or script) on every matching host through the daemon's warm shells. A live progress line on a
/// terminal, then the results folded like <c>clush -b</c>; <c>--json</c> streams one object per host as it finishes.
/// Exits 1 when any host did not succeed.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var category = new Option<string?>("--category") { Description = "Category glob, e.g. 'fleet/**'" };
        var connection = new Option<string?>("--connection") { Description = "Connection name glob, e.g. 'web*'" };
        var type = new Option<string?>("--type") { Description = "Connection type glob, e.g. ssh" };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Hosts at once (default 64)", DefaultValueFactory = _ => 64 };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds per host, connecting included" };
        var script = new Option<string?>("--script") { Description = "A script file, uploaded and run on each host (its shebang picks the interpreter)" };
        var command = new Argument<string[]>("COMMAND") { Description = "The command line (after --)", Arity = ArgumentArity.ZeroOrMore };
        var run = new Command("run", "Run a command or script on many hosts at once, results gathered")
        {
            category, connection, type, parallel, timeout, script, command,
        };
        run.SetAction(async (parseResult, cancellationToken) =>
        {
            var words = parseResult.GetValue(command) ?? [];
            var scriptFile = parseResult.GetValue(script);
            if ((words.Length == 0) == (scriptFile is null))
            {
                throw new CliException("give a command after -- or --script FILE (one of them)", ExitCode.Usage);
            }

            var filters = (parseResult.GetValue(category), parseResult.GetValue(connection), parseResult.GetValue(type));
            if (filters is (null, null, null))
            {
                throw new CliException("name the hosts with --category, --connection or --type", ExitCode.Usage);
            }

            var body = new JsonObject
            {
                ["categoryFilter"] = filters.Item1,
                ["connectionFilter"] = filters.Item2,
                ["typeFilter"] = filters.Item3,
                ["parallel"] = parseResult.GetValue(parallel),
                ["stream"] = true,
            };
            if (parseResult.GetValue(timeout) is { } seconds)
            {
                body["timeout"] = seconds;
            }

            if (scriptFile is not null)
            {
                try
                {
                    body["script"] = await File.ReadAllTextAsync(scriptFile, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"cannot read {scriptFile}: {e.Message}", ExitCode.Usage);
                }
            }
            else
            {
                body["command"] = string.Join(' ', words);
            }

            return await RunAsync(context, body, context.WantsJson(parseResult), cancellationToken);
        });
        return run;
    }

    private static async Task<int> RunAsync(CliContext context, JsonObject body, bool json, CancellationToken cancellationToken)
    {
        var results = new List<JsonObject>();
        JsonObject? summary = null;
        var total = 0;
        var progress = !json && !Console.IsErrorRedirected ? new Progress(context.Error) : null;
        await foreach (var line in context.Client.StreamLinesAsync("fleet/exec", body, cancellationToken))
        {
            if (line["summary"] is JsonObject done)
            {
                summary = done;
            }
            else if (line["job"] is not null && line["status"] is null)
            {
                total = line["total"]?.GetValue<int>() ?? 0;
            }
            else
            {
                results.Add(line);
                progress?.Update(results, total);
            }

            if (json)
            {
                await Printer.LineAsync(context.Output, line.ToJsonString(), cancellationToken);
            }
        }

        progress?.Clear();
        if (!json)
        {
            await PrintFoldedAsync(context, results, summary, cancellationToken);
        }

        return results.All(r => r["status"]?.GetValue<string>() == "ok") && results.Count == total ? (int)ExitCode.Success : (int)ExitCode.Failure;
    }

    /// <summary>Identical outputs together (clush -b), then what went wrong, then one summary line.</summary>
    private static async Task PrintFoldedAsync(CliContext context, List<JsonObject> results, JsonObject? summary, CancellationToken cancellationToken)
    {
        string Text(JsonObject r, string key) => r[key]?.GetValue<string>() ?? "";
        var ran = results.Where(r => r["exitCode"] is not null)
            .GroupBy(r => (Code: r["exitCode"]!.GetValue<int>(), Out: Text(r, "stdout"), Err: Text(r, "stderr")))
            .OrderByDescending(g => g.Count());
        foreach (var group in ran)
        {
            var names = HostNames.Fold(group.Select(r => Text(r, "name")));
            var code = group.Key.Code == 0 ? "" : $" exit code {group.Key.Code}";
            await Printer.LineAsync(context.Output, $"---------------- {names} ({group.Count()}){code}", cancellationToken);
            if (group.Key.Out.Length > 0)
            {
                await Printer.LineAsync(context.Output, group.Key.Out, cancellationToken);
            }

            if (group.Key.Err.Length > 0)
            {
                await context.Error.WriteLineAsync(group.Key.Err);
            }
        }

        foreach (var group in results.Where(r => r["exitCode"] is null).GroupBy(r => Text(r, "status")).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await context.Error.WriteLineAsync($"{group.Key} ({group.Count()}): {HostNames.Fold(group.Select(r => Text(r, "name")))}");
            foreach (var reason in group.GroupBy(r => Text(r, "error")).Take(5))
            {
                await context.Error.WriteLineAsync($"  {HostNames.Fold(reason.Select(r => Text(r, "name")))}: {reason.Key}");
            }
        }

        int Count(string key) => summary?[key]?.GetValue<int>() ?? 0;
        var elapsed = (summary?["elapsedMs"]?.GetValue<double>() ?? 0) / 1000;
        await Printer.LineAsync(context.Output, string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} hosts: {Count("ok")} ok, {Count("failed")} failed, {Count("unreachable")} unreachable, {Count("timeout")} timed out, {Count("cancelled")} cancelled in {elapsed:0.00} s"),
            cancellationToken);
    }

    /// <summary>One line on stderr, redrawn at most ten times a second.</summary>
    private sealed class Progress(TextWriter error)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _drawn = TimeSpan.MinValue;

        public void Update(List<JsonObject> results, int total)
        {
            if (_clock.Elapsed - _drawn < TimeSpan.FromMilliseconds(100) && results.Count < total)
            {
                return;
            }

            _drawn = _clock.Elapsed;
            var ok = results.Count(r => r["status"]?.GetValue<string>() == "ok");
            var failed = results.Count(r => r["status"]?.GetValue<string>() == "failed");
            var unreachable = results.Count - ok - failed;
            var rate = results.Count / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            var eta = rate > 0 ? (total - results.Count) / rate : 0;
            var width = 30;
            var filled = total > 0 ? results.Count * width / total : 0;
            error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', width - filled)}] {results.Count}/{total} ok {ok} failed {failed} unreachable {unreachable}  {rate:0}/s ETA {eta:0}s "));
        }

        public void Clear() => error.Write("\r" + new string(' ', 100) + "\r");
    }
}
