using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// <c>ssh -tt ACCOUNT@bastion -- COMMAND</c> with a terminal on the far side, as a person's ssh would, typed into
/// line by line while everything it prints is collected, so that a test can wait for what a person would see.
/// </summary>
public sealed class TerminalSession : IAsyncDisposable
{
    private readonly Process _ssh;
    private readonly StringBuilder _seen = new();
    private readonly Task _reading;

    private TerminalSession(Process ssh)
    {
        _ssh = ssh;
        _reading = Task.Run(ReadAsync);
    }

    public static TerminalSession Start(BastionGateway gateway, string account, string key, string command)
    {
        var start = Infrastructure.ProcessRun.Start("ssh",
        [
            "-F", "/dev/null", "-i", key, "-p", gateway.Port.ToString(CultureInfo.InvariantCulture), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-tt", account + "@127.0.0.1", "--", command,
        ]);
        start.Environment["TERM"] = "xterm";
        return new TerminalSession(Process.Start(start)!);
    }

    /// <summary>Everything shown so far (stdout; ssh -tt puts the remote stderr there too).</summary>
    public string Text
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToString();
            }
        }
    }

    public int ExitCode => _ssh.ExitCode;

    public async Task TypeAsync(string line, CancellationToken cancellationToken)
    {
        await _ssh.StandardInput.WriteAsync(line + "\n");
        await _ssh.StandardInput.FlushAsync(cancellationToken);
    }

    /// <summary>Waits until <paramref name="text"/> has been shown <paramref name="times"/> times (30 s at most).</summary>
    public async Task UntilAsync(string text, CancellationToken cancellationToken, int times = 1)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (Regex.Count(Text, Regex.Escape(text)) >= times)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"never saw '{text}' in:\n{Text}");
    }

    /// <summary>Waits for ssh to end (a minute at most) and for its last output.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _ssh.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        await _reading;
        return _ssh.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ssh.HasExited)
        {
            _ssh.Kill(entireProcessTree: true);
            await _ssh.WaitForExitAsync();
        }

        await _reading;
        _ssh.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _ssh.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_seen)
            {
                _seen.Append(buffer, 0, read);
            }
        }
    }
}
