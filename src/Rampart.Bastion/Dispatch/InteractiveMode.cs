namespace Rampart.Bastion.Dispatch;

/// <summary>
/// The Bastion's interactive mode (<c>-i</c>, or a login without a command): a prompt where each line is run as if it
/// had been sent after <c>--</c>: <c>ssh ARGS</c> opens a connection, anything else is <c>--osh LINE</c>. Each line is
/// its own run, with its own login checks (a frozen account is stopped at the next line), session row and audit
/// record. The terminal stays in the client's cooked mode, so the client's pty does the line editing; after a
/// connection that needed raw mode it is put back. Idle for too long, the session ends. The <c>mfa</c> builtin asks the
/// account's factors once, so that the lines of the next 15 minutes are not asked again (<c>[MFA-OK]</c> in the
/// prompt); <c>nomfa</c> forgets it.
/// </summary>
/// <param name="runLine">Runs one command string for the account, as a login would, and returns its exit status; its
/// flag says the factors were asked with <c>mfa</c>.</param>
/// <param name="validateMfa">Asks the account's factors; true when they were answered right.</param>
public sealed class InteractiveMode(
    BastionSettings settings,
    TimeProvider time,
    Func<string, OshTerminal, bool, CancellationToken, Task<int>> runLine,
    Func<OshTerminal, CancellationToken, Task<bool>> validateMfa)
{
    private const int MaxLine = 64 * 1024;

    /// <summary>How long an <c>mfa</c> validation holds (The Bastion's <c>interactiveModeProactiveMFAexpiration</c>).</summary>
    private static readonly TimeSpan s_proactiveMfaLifetime = TimeSpan.FromMinutes(15);

    /// <param name="options">The options the session was opened with (<c>-i</c> and output modes), put before every line.</param>
    public async Task<int> RunAsync(string account, string? options, bool quiet, OshTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var timeout = settings.InteractiveModeTimeout;
        await terminal.WriteStdoutAsync(
            $"\nWelcome to {settings.Name} interactive mode, type `help' for available commands.\n"
            + (timeout > TimeSpan.Zero ? $"You'll be disconnected after {(int)timeout.TotalSeconds} seconds of inactivity.\n" : "")
            + "\n", cancellationToken);
        DateTimeOffset? mfaSince = null;
        while (true)
        {
            if (mfaSince is { } since && time.GetUtcNow() - since >= s_proactiveMfaLifetime)
            {
                mfaSince = null;
            }

            await terminal.WriteStdoutAsync(Prompt(account, quiet, mfaSince is not null), cancellationToken);
            string? line;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (timeout > TimeSpan.Zero)
                {
                    idle.CancelAfter(timeout);
                }

                try
                {
                    line = await terminal.ReadLineUnbufferedAsync(MaxLine, idle.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await terminal.WriteStdoutAsync("\n\nIdle timeout, goodbye!\n\n", cancellationToken);
                    return Osh.OshExitCode.Ok;
                }
            }

            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line is "exit" or "quit" or "q")
            {
                break;
            }

            if (line.Equals("mfa", StringComparison.OrdinalIgnoreCase) || line is "en" or "ena" or "enab" or "enabl" or "enable")
            {
                await terminal.WriteStdoutAsync("As proactive MFA validation has been requested, entering MFA phase.\n", cancellationToken);
                if (await validateMfa(terminal, cancellationToken))
                {
                    mfaSince = time.GetUtcNow();
                    await terminal.WriteStdoutAsync(
                        "Proactive MFA enabled, any command requiring MFA from now on will not ask you again.\n"
                        + $"This mode will expire in {(int)s_proactiveMfaLifetime.TotalMinutes} minutes\nTo exit this mode manually, type 'nomfa'.\n",
                        cancellationToken);
                }
                else
                {
                    mfaSince = null;
                    await terminal.WriteStdoutAsync("MFA validation failed, as a consequence proactive MFA mode is NOT active.\n", cancellationToken);
                }

                continue;
            }

            if (line.Equals("nomfa", StringComparison.OrdinalIgnoreCase) || line == "end")
            {
                await terminal.WriteStdoutAsync(mfaSince is null
                    ? "Nothing to do, you didn't proactively validate MFA.\n"
                    : "Your proactive MFA validation has been forgotten.\n", cancellationToken);
                mfaSince = null;
                continue;
            }

            var command = line.StartsWith("ssh ", StringComparison.Ordinal) ? line[4..] : "--osh " + line;
            await runLine($"{options} {command}".Trim(), terminal, mfaSince is not null, cancellationToken);
            // A connection with a remote terminal put the client's terminal in raw mode: the prompt needs it back.
            await terminal.RestoreTerminalAsync(cancellationToken);
            if (line == "help")
            {
                await terminal.WriteStderrAsync(ShellHelp.InteractiveBuiltins, cancellationToken);
            }
        }

        await terminal.WriteStdoutAsync("\n\nGoodbye!\n\n", cancellationToken);
        return Osh.OshExitCode.Ok;
    }

    private string Prompt(string account, bool quiet, bool mfaOk) => quiet
        ? $"{account}@{settings.Name}(master){(mfaOk ? "[MFA-OK]" : "")}> "
        : $"\e[0m\e[33m{account}\e[1;35m@\e[32m{settings.Name}\e[1;35m(\e[0m\e[36mmaster\e[1;35m){(mfaOk ? "[\e[33mMFA-OK\e[1;35m]" : "")}\e[0m\e[32m>\e[0m ";
}
