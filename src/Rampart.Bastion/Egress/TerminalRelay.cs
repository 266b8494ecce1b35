using System.Diagnostics;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Recording;
using Rampart.Shell.Unix;

namespace Rampart.Bastion.Egress;

/// <summary>
/// An interactive session: ssh runs on a pseudo-terminal of the daemon's, sized as the account's terminal, so the
/// remote pty starts at the right size and every resize the account's terminal reports reaches the remote side
/// (ssh forwards SIGWINCH as a window-change request). Output is one stream, as on any terminal.
/// </summary>
internal static class TerminalRelay
{
    /// <summary>
    /// Puts the command on the terminal as its stdin, stdout and stderr, in a session of its own with that terminal
    /// as its controlling one (util-linux <c>setsid --ctty</c>), which is what makes the kernel signal size changes.
    /// </summary>
    private const string OnTerminal = "tty=$1; shift; exec setsid --ctty \"$@\" <>\"$tty\" >&0 2>&0";

    public static async Task<int> RunAsync(
        IReadOnlyList<string> sshArguments, string? term, (int Rows, int Columns) size, OshTerminal terminal, SessionRecorder recorder,
        IdleGuard idle, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var pty = PseudoTerminal.Open(size.Rows, size.Columns);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", OnTerminal, "sh", pty.SlavePath, "ssh" }.Concat(sshArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = term is { Length: > 0 } ? term : "xterm";
        EgressEnvironment.Apply(start, environment);

        void OnResize(int rows, int columns)
        {
            pty.Resize(rows, columns);
            recorder.Resize(columns, rows);
        }

        using var ssh = Process.Start(start)!;
        ssh.StandardInput.Close();
        var launchErrors = ssh.StandardError.ReadToEndAsync(cancellationToken);
        terminal.Resized += OnResize;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // After an unlock: a size change makes full-screen programs draw again what the lock screen covered.
        idle.Redraw = async ct =>
        {
            var (rows, columns) = terminal.Size is { Rows: > 0 } current ? current : size;
            pty.Resize(rows + 1, columns);
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            pty.Resize(rows, columns);
        };
        var input = StreamPump.InputAsync(terminal.Stdin, pty.Master, closeAtEnd: false, stop.Token, idle.Input);
        // While locked, output is recorded but not shown.
        var output = StreamPump.OutputAsync(pty.Master, recorder.Stdout,
            (data, ct) => idle.IsLocked ? ValueTask.CompletedTask : terminal.WriteStdoutAsync(data, ct), cancellationToken);
        var exited = ssh.WaitForExitAsync(cancellationToken);
        try
        {
            // The output pump ends before ssh only when it fails (a full or broken recording): the session ends then.
            if (await Task.WhenAny(exited, output) == output)
            {
                await output;
            }

            await exited;
        }
        catch
        {
            // Cancelled (the client left, the account was frozen) or the pump failed: ssh must not outlive the session.
            StreamPump.Stop(ssh);
            throw;
        }
        finally
        {
            terminal.Resized -= OnResize;
            idle.Redraw = null;
            // The child is gone: once the daemon lets go of its end too, the last output drains and the pump ends.
            pty.CloseSlave();
            await stop.CancelAsync();
            await input;
            await output;
        }

        // Only set when the terminal could not be set up (ssh's own messages went to the terminal).
        if ((await launchErrors).Trim() is { Length: > 0 } problem)
        {
            await terminal.WriteErrorLineAsync(problem, CancellationToken.None);
        }

        return ssh.ExitCode;
    }
}
