using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Cli.Import;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart import ssh-config|csv|ansible|json [FILE] [--category PATH] [--dry-run] [--skip-errors]</c>: many servers
/// in one transaction through <c>/connection/import</c>. FILE <c>-</c> reads stdin; ssh-config defaults to ~/.ssh/config.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("import", "Import servers from an ssh config, CSV, an Ansible inventory or JSON (one transaction, idempotent)");
        foreach (var format in new[] { "ssh-config", "csv", "ansible", "json" })
        {
            command.Subcommands.Add(Format(context, format));
        }

        return command;
    }

    private static Command Format(CliContext context, string format)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = format == "ssh-config" ? "The config file (default ~/.ssh/config); - reads stdin" : "The file to import; - reads stdin",
            Arity = format == "ssh-config" ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        };
        var category = new Option<string?>("--category") { Description = "Where the hosts go: a path below 'all connections' (created as needed) or a category id; default: Default" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be added, updated and left alone; change nothing" };
        var skipErrors = new Option<bool>("--skip-errors") { Description = "Import the good lines even if some fail (otherwise nothing is imported)" };
        var command = new Command(format, Describe(format)) { file, category, dryRun, skipErrors };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "config");
            string text;
            try
            {
                text = path == "-" ? await context.Input.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot read {path}: {e.Message}", ExitCode.Usage);
            }

            var body = new JsonObject
            {
                ["format"] = format,
                ["text"] = text,
                ["source"] = path == "-" ? "stdin" : path,
                ["category"] = parseResult.GetValue(category),
                ["dryRun"] = parseResult.GetValue(dryRun),
                ["skipErrors"] = parseResult.GetValue(skipErrors),
            };
            if (format == "ssh-config")
            {
                body["includes"] = SshConfigIncludes.Collect(text);
            }

            var answer = await context.Client.CallForObjectAsync("connection/import", body, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            await PrintAsync(context, answer, cancellationToken);
        });
        return command;
    }

    private static async Task PrintAsync(CliContext context, JsonObject answer, CancellationToken cancellationToken)
    {
        var applied = answer["applied"]?.GetValue<bool>() ?? false;
        List<string> Names(string key) => answer[key] is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
        var (added, updated, unchanged, categories) = (Names("added"), Names("updated"), Names("unchanged"), Names("categoriesAdded"));
        foreach (var notice in Names("notices"))
        {
            await context.Error.WriteLineAsync("notice: " + notice);
        }

        foreach (var problem in answer["problems"] as JsonArray ?? [])
        {
            await context.Error.WriteLineAsync($"skipped: {problem!["source"]}: {problem["message"]}");
        }

        if (!applied)
        {
            // A dry run lists every name, so the plan can be reviewed line by line.
            foreach (var (mark, names) in new[] { ("+", added), ("~", updated), ("=", unchanged) })
            {
                foreach (var name in names)
                {
                    await Printer.LineAsync(context.Output, $"{mark} {name}", cancellationToken);
                }
            }
        }

        var verb = applied ? "" : "dry run, would be: ";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{verb}{added.Count} added, {updated.Count} updated, {unchanged.Count} unchanged, {categories.Count} categories added");
        if (applied && added.Count == 0 && updated.Count == 0)
        {
            summary += " (nothing to change)";
        }

        await Printer.LineAsync(context.Output, summary, cancellationToken);
    }

    private static string Describe(string format) => format switch
    {
        "ssh-config" => "Host blocks of an OpenSSH config (HostName, Port, User, IdentityFile, ProxyJump; Include followed)",
        "csv" => "CSV with a header: host, name, port, user, category, identity, password, gateway",
        "ansible" => "An Ansible inventory, INI or YAML (groups become categories; ansible_host/port/user honoured)",
        _ => "A JSON array of {host, name, port, user, category, identity, password, gateway}",
    };
}
