using System.Diagnostics;
using System.Text;

namespace Rampart.Shell.Sessions;

/// <summary>
/// One persistent shell process. Commands run one at a time in order, in the same shell, so its state (working
/// directory, variables) carries over; each is framed by <see cref="PosixFraming"/> and read back byte-exact from
/// separate stdout and stderr. A command can be interrupted (timeout, caller gone) without losing the shell.
/// </summary>
public sealed class ShellSession : IAsyncDisposable
{
    /// <summary>How long an interrupted command may take to give up before the whole shell is ended.</summary>
    private static readonly TimeSpan s_interruptGrace = TimeSpan.FromSeconds(3);

    // How long a dead shell's stderr may take to reach its end once its stdout has: its last words are in there.
    private static readonly TimeSpan s_lastWordsWait = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly ShellLaunch _launch;
    private readonly Stream _stdin;
    private readonly FramedReader _stdout;
    private readonly FramedReader _stderr;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private volatile bool _broken;

    private ShellSession(Process process, ShellLaunch launch)
    {
        _process = process;
        _launch = launch;
        _stdin = process.StandardInput.BaseStream;
        _stdout = new FramedReader(process.StandardOutput.BaseStream);
        _stderr = new FramedReader(process.StandardError.BaseStream);
    }

    public ShellInfo Info { get; private set; } = null!;

    /// <summary>False once the shell died or was ended; such a session is dropped and a new one started.</summary>
    public bool IsAlive => !_broken && !_process.HasExited;

    public static async Task<ShellSession> StartAsync(ShellLaunch launch, CancellationToken cancellationToken)
    {
        launch.StartInfo.RedirectStandardInput = true;
        launch.StartInfo.RedirectStandardOutput = true;
        launch.StartInfo.RedirectStandardError = true;
        launch.StartInfo.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(launch.StartInfo) ?? throw new ShellFailedException("The shell did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ShellFailedException($"Cannot start {launch.StartInfo.FileName}: {e.Message}");
        }

        var session = new ShellSession(process, launch);
        try
        {
            session.Info = await ShellProbe.RunAsync(session, cancellationToken);
            if (!string.IsNullOrWhiteSpace(launch.InitCommands))
            {
                var init = await session.ExecAsync(launch.InitCommands, TimeSpan.FromMinutes(2), cancellationToken);
                if (init.ExitCode != 0)
                {
                    throw new ShellFailedException($"The shell's start commands failed with exit code {init.ExitCode}: {init.Stderr}".Trim());
                }
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one command; a non-zero exit code is a result, not an error.</summary>
    /// <exception cref="CommandTimeoutException">It ran past <paramref name="timeout"/> and was interrupted.</exception>
    /// <exception cref="ShellFailedException">The shell died or stopped answering.</exception>
    public async Task<CommandResult> ExecAsync(string command, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await EnsureAliveAsync();
            var marker = PosixFraming.NewMarker();
            using var deadline = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await _stdin.WriteAsync(PosixFraming.Wrap(command, marker), cancellationToken);
                await _stdin.FlushAsync(cancellationToken);
            }
            catch (IOException)
            {
                throw await DiedAsync();
            }

            var stdoutTask = ReadStdoutAsync(marker, linked.Token);
            var stderrTask = _stderr.ReadUntilAsync(Encoding.UTF8.GetBytes("\n" + marker + "\n"), linked.Token);
            try
            {
                var (exitCode, stdout) = await stdoutTask;
                var stderr = await stderrTask;
                return new CommandResult(exitCode, Decode(stdout), Decode(stderr));
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                await RecoverAsync(marker, stdoutTask, stderrTask);
                if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new CommandTimeoutException(timeout!.Value);
                }

                throw;
            }
            catch (EndOfStreamException)
            {
                throw await DiedAsync();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _broken = true;
        try
        {
            _stdin.Close();
        }
        catch (IOException)
        {
        }

        if (!_process.HasExited)
        {
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _stdout.Dispose();
        _stderr.Dispose();
        _process.Dispose();
        _turn.Dispose();
    }

    private async Task<(int ExitCode, byte[] Output)> ReadStdoutAsync(string marker, CancellationToken cancellationToken)
    {
        var output = await _stdout.ReadUntilAsync(Encoding.UTF8.GetBytes("\n" + marker + " "), cancellationToken);
        var code = await _stdout.ReadUntilAsync("\n"u8.ToArray(), cancellationToken);
        return (int.Parse(Encoding.ASCII.GetString(code), System.Globalization.CultureInfo.InvariantCulture), output);
    }

    /// <summary>
    /// After a cancelled command: interrupt it, then drain its markers so the next command starts clean. If it will
    /// not stop, the shell is ended and the session marked broken.
    /// </summary>
    private async Task RecoverAsync(string marker, Task<(int, byte[])> stdoutTask, Task<byte[]> stderrTask)
    {
        try
        {
            await _launch.Interrupt(_process, Info?.ShellProcessId ?? 0);
        }
        catch (InvalidOperationException)
        {
        }

        using var grace = new CancellationTokenSource(s_interruptGrace);
        try
        {
            await _stdout.ReadUntilAsync(Encoding.UTF8.GetBytes("\n" + marker + " "), grace.Token);
            await _stdout.ReadUntilAsync("\n"u8.ToArray(), grace.Token);
            await _stderr.ReadUntilAsync(Encoding.UTF8.GetBytes("\n" + marker + "\n"), grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or EndOfStreamException)
        {
            _broken = true;
            _process.Kill(entireProcessTree: true);
        }

        // The cancelled reads ended with the cancellation; observe them so nothing is left unobserved.
        await Task.WhenAll(stdoutTask, stderrTask).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private async Task EnsureAliveAsync()
    {
        if (!IsAlive)
        {
            throw await DiedAsync();
        }
    }

    private async Task<ShellFailedException> DiedAsync()
    {
        _broken = true;
        // ssh's "Permission denied" may still be on its way when stdout ends: wait for stderr's end, briefly.
        var lastWords = Decode(await _stderr.RemainingAsync(s_lastWordsWait)).Trim();
        if (lastWords.Length > 2000)
        {
            lastWords = lastWords[^2000..];
        }

        return new ShellFailedException(lastWords.Length == 0 ? "The shell session ended" : $"The shell session ended: {lastWords}");
    }

    /// <summary>Text for JSON: UTF-8 (invalid bytes become U+FFFD), with one trailing newline removed.</summary>
    private static string Decode(byte[] bytes)
    {
        var length = bytes.Length;
        if (length > 0 && bytes[length - 1] == '\n')
        {
            length--;
            if (length > 0 && bytes[length - 1] == '\r')
            {
                length--;
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }
}
