using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart shell start|exec|stop CONNECTION</c> and <c>rampart exec CONNECTION -- COMMAND…</c>: the daemon's
/// persistent shells. <c>exec</c> starts the shell if needed, writes the command's stdout and stderr to the matching
/// streams and exits with the command's exit code, so it drops into scripts like ssh does.
/// </summary>
internal static class ShellCommands
{
    public static Command CreateShell(CliContext context)
    {
        var shell = new Command("shell", "Start, use and stop a connection's persistent shell");

        var startTarget = ConnectionArgument();
        var start = new Command("start", "Start the connection's shell (or reuse the running one) and show what it is") { startTarget };
        start.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await new Resolver(context.Client).ConnectionAsync(parseResult.GetValue(startTarget)!, cancellationToken);
            var info = await context.Client.CallForObjectAsync("shell/start", new JsonObject { ["connection"] = id }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, info, cancellationToken);
                return;
            }

            foreach (var (key, value) in info)
            {
                await Printer.LineAsync(context.Output, $"{key,-13} {value?.ToString()}", cancellationToken);
            }
        });

        var execTarget = ConnectionArgument();
        var execCommand = new Argument<string>("COMMAND") { Description = "The command line, run by the remote shell" };
        var timeout = new Option<double?>("--timeout") { Description = "Interrupt the command after this many seconds" };
        var exec = new Command("exec", "Run one command in the connection's started shell") { execTarget, execCommand, timeout };
        exec.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await new Resolver(context.Client).ConnectionAsync(parseResult.GetValue(execTarget)!, cancellationToken);
            return await RunAsync(context, parseResult, id, parseResult.GetValue(execCommand)!, parseResult.GetValue(timeout), cancellationToken);
        });

        var stopTarget = ConnectionArgument();
        var stop = new Command("stop", "End the connection's shell") { stopTarget };
        stop.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await new Resolver(context.Client).ConnectionAsync(parseResult.GetValue(stopTarget)!, cancellationToken);
            await context.Client.CallAsync("shell/stop", new JsonObject { ["connection"] = id }, cancellationToken);
        });

        shell.Subcommands.Add(start);
        shell.Subcommands.Add(exec);
        shell.Subcommands.Add(stop);
        return shell;
    }

    public static Command CreateExec(CliContext context)
    {
        var target = ConnectionArgument();
        var words = new Argument<string[]>("COMMAND")
        {
            Description = "The command and its arguments, after --; joined with spaces as ssh does",
            Arity = ArgumentArity.OneOrMore,
        };
        var timeout = new Option<double?>("--timeout") { Description = "Interrupt the command after this many seconds" };
        var exec = new Command("exec", "Run a command on a connection: its output on stdout/stderr, its exit code as ours")
        {
            target, words, timeout,
        };
        exec.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await new Resolver(context.Client).ConnectionAsync(parseResult.GetValue(target)!, cancellationToken);
            await context.Client.CallAsync("shell/start", new JsonObject { ["connection"] = id }, cancellationToken);
            var command = string.Join(' ', parseResult.GetValue(words) ?? []);
            return await RunAsync(context, parseResult, id, command, parseResult.GetValue(timeout), cancellationToken);
        });
        return exec;
    }

    private static Argument<string> ConnectionArgument() =>
        new("CONNECTION") { Description = "A uuid, or a name or glob matching exactly one connection" };

    private static async Task<int> RunAsync(
        CliContext context, ParseResult parseResult, string id, string command, double? timeout, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["connection"] = id, ["command"] = command };
        if (timeout is { } seconds)
        {
            body["timeout"] = seconds;
        }

        var result = await context.Client.CallForObjectAsync("shell/exec", body, cancellationToken);
        if (context.WantsJson(parseResult))
        {
            await Printer.JsonAsync(context.Output, result, cancellationToken);
        }
        else
        {
            await WriteStreamAsync(context.Output, result["stdout"]?.GetValue<string>(), cancellationToken);
            await WriteStreamAsync(context.Error, result["stderr"]?.GetValue<string>(), cancellationToken);
        }

        var exitCode = result["exitCode"]?.GetValue<long>() ?? 1;
        return (int)Math.Clamp(exitCode, 0, 255);
    }

    /// <summary>The daemon removed one trailing newline; put it back unless the output was empty.</summary>
    private static async Task WriteStreamAsync(TextWriter writer, string? text, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(text))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
            await writer.WriteAsync("\n".AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

    }
}
