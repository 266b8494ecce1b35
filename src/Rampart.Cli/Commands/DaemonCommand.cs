using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Rampart.Cli.Daemon;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart daemon [ARGS...]</c>: runs <c>rampart-daemon</c> in the foreground with this terminal, relays SIGINT and
/// SIGTERM to it and exits with its exit code. The arguments go through untouched, <c>--help</c> included.
/// </summary>
internal static class DaemonCommand
{
    public const string Name = "daemon";

    public static Command Create(CliContext context)
    {
        var arguments = new Argument<string[]>("ARGS")
        {
            Description = "Passed to rampart-daemon: [--listen ADDRESS:PORT] [--data-dir DIR] [--auth-file PATH] (see rampart daemon --help)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(Name, "Run the daemon in the foreground until Ctrl-C or SIGTERM")
        {
            arguments,
        };
        command.TreatUnmatchedTokensAsErrors = false;

        // Reached only when something precedes "daemon" (rampart --json daemon …); otherwise CliApp passes argv on directly.
        command.SetAction((parseResult, cancellationToken) =>
        {
            var tokens = parseResult.Tokens.SkipWhile(t => !(t.Type == TokenType.Command && t.Value == Name)).Skip(1);
            return RunAsync([.. tokens.Select(t => t.Value)], context, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CliContext context, CancellationToken cancellationToken)
    {
        var launch = DaemonLocator.Find(context.GetEnvironment, AppContext.BaseDirectory, Environment.ProcessPath);
        var start = new ProcessStartInfo(launch.FileName) { UseShellExecute = false };
        foreach (var argument in launch.LeadingArguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var childId = 0;
        void Relay(PosixSignalContext signal)
        {
            // Keep running: the daemon shuts down in its own time, and its exit code is ours.
            signal.Cancel = true;
            NativeSignals.Send(Volatile.Read(ref childId), signal.Signal);
        }

        // Registered before the start, so a signal in between is not lost to the default handling.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Relay);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Relay);
        // Ctrl-C before the daemon exists: start nothing.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CliException($"cannot start {launch.FileName}: {e.Message}");
        }

        Volatile.Write(ref childId, process.Id);

        // Not cancellable on purpose: Ctrl-C is relayed to the daemon, and we wait for it to finish shutting down, so
        // the token (cancelled by the same signals) is deliberately not observed here.
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }
}
