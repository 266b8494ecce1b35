using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Rampart.Cli.Commands;
using Rampart.Contracts;

namespace Rampart.Cli;

/// <summary>
/// The command tree (nouns before verbs) and the one place failures become an exit code and a single
/// <c>rampart: …</c> line on stderr.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            // The daemon's arguments are its own (--help included), so they bypass this parser entirely.
            if (args.Count > 0 && args[0] == DaemonCommand.Name)
            {
                return await DaemonCommand.RunAsync([.. args.Skip(1)], context, cancellationToken);
            }

            // ssh's prompt is one free-form argument, never options.
            if (args.Count > 0 && args[0] == AskpassCommand.Name)
            {
                return await AskpassCommand.RunAsync([.. args.Skip(1)], context, cancellationToken);
            }

            // No response files: "@FILE" is this CLI's own syntax for --data and secret decrypt.
            var parseResult = BuildRoot(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parseResult.Action is ParseErrorAction || parseResult.Errors.Count > 0 && parseResult.Action is null)
            {
                return await FailAsync(context, UsageMessage(parseResult), ExitCode.Usage);
            }

            var invocation = new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                // Program owns SIGINT/SIGTERM and cancels the token itself.
                ProcessTerminationTimeout = null,
            };
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException e)
        {
            return await FailAsync(context, e.Message, e.Code);
        }
        catch (DaemonErrorException e)
        {
            return await FailAsync(context, e.Message, ExitCode.Failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(context, "interrupted", ExitCode.Interrupted);
        }
#pragma warning disable CA1031 // The last resort: a bug still gets one readable line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return await FailAsync(context, $"unexpected error ({e.GetType().Name}): {e.Message}", ExitCode.Failure);
        }
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "Rampart's command line: connections, categories, secrets and API keys of a running daemon; shells and files; fleet import, export and runs; the audit trail.\n"
            + $"Environment: {DaemonDefaults.UrlVariable} (default {DaemonDefaults.Url}), "
            + $"{DaemonDefaults.AuthFileVariable} (default $TEMP, $TMPDIR or /tmp, then xpipe_auth).")
        {
            context.Json,
            new Command("connection", "Query, inspect, add and remove connections")
            {
                ConnectionQueryCommand.Create(context),
                ConnectionInfoCommand.Create(context),
                ConnectionAddCommand.Create(context),
                ConnectionRemoveCommand.Create(context),
            },
            new Command("category", "Add, query, inspect and remove categories")
            {
                CategoryAddCommand.Create(context),
                CategoryQueryCommand.Create(context),
                CategoryInfoCommand.Create(context),
                CategoryRemoveCommand.Create(context),
            },
            new Command("secret", "Encrypt and decrypt secrets with the daemon's vault key")
            {
                SecretEncryptCommand.Create(context),
                SecretDecryptCommand.Create(context),
            },
            new Command("apikey", "Create, list and revoke API keys (local owner only)")
            {
                ApiKeyCreateCommand.Create(context),
                ApiKeyListCommand.Create(context),
                ApiKeyRevokeCommand.Create(context),
            },
            ShellCommands.CreateShell(context),
            ShellCommands.CreateExec(context),
            FsCommands.Create(context),
            ImportCommand.Create(context),
            ExportCommand.Create(context),
            RunCommand.Create(context),
            AuditCommands.Create(context),
            BastionCommands.Create(context),
            DaemonCommand.Create(context),
        };
        return root;
    }

    private static string UsageMessage(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Parent is null ? "rampart" : command.Command.Name);
        }

        // A mistyped word also leaves "required command was not provided"; the word itself is what to report.
        var first = parseResult.UnmatchedTokens.Count > 0
            ? $"unknown command or argument '{parseResult.UnmatchedTokens[0]}'"
            : parseResult.Errors.Count > 0 ? parseResult.Errors[0].Message.TrimEnd('.') : "invalid command line";
        return $"{first} (see '{string.Join(' ', names)} --help')";
    }

    private static async Task<int> FailAsync(CliContext context, string message, ExitCode code)
    {
        // Never the caller's token: the error line must be written even after Ctrl-C.
        await context.Error.WriteLineAsync(("rampart: " + message.ReplaceLineEndings(" ")).AsMemory(), CancellationToken.None);
        return (int)code;
    }
}
