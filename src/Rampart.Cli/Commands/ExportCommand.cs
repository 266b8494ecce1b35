using System.CommandLine;
using System.Text.Json.Nodes;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart export ssh-config|csv|ansible|json [--category GLOB] [--connection GLOB] [-o FILE]</c>: Rampart's ssh
/// connections for other tools. Re-importing the output with <c>--category "all connections"</c> changes nothing.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Write ssh connections as an ssh config, CSV, an Ansible inventory or JSON");
        foreach (var format in new[] { "ssh-config", "csv", "ansible", "json" })
        {
            var category = new Option<string?>("--category") { Description = "Category glob (default: all)" };
            var connection = new Option<string?>("--connection") { Description = "Connection name glob (default: all)" };
            var output = new Option<string?>("--output", "-o") { Description = "Write to this file (mode 0600) instead of stdout" };
            var sub = new Command(format, $"Export as {format}") { category, connection, output };
            sub.SetAction(async (parseResult, cancellationToken) =>
            {
                var answer = await context.Client.CallForObjectAsync("connection/export", new JsonObject
                {
                    ["format"] = format,
                    ["categoryFilter"] = parseResult.GetValue(category),
                    ["connectionFilter"] = parseResult.GetValue(connection),
                }, cancellationToken);
                foreach (var notice in answer["notices"] as JsonArray ?? [])
                {
                    await context.Error.WriteLineAsync("notice: " + notice);
                }

                var text = answer["text"]?.GetValue<string>() ?? "";
                if (parseResult.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file, text, cancellationToken);
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    await context.Error.WriteLineAsync($"{answer["exported"]} connections written to {file}");
                    return;
                }

                await context.Output.WriteAsync(text);
            });
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
