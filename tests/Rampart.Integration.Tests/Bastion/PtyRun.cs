using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// A command on a pseudo-terminal, through util-linux <c>script</c>, as a user at a terminal would run it. For the entry
/// program: a shell sets the terminal up, runs <c>rampart-osh</c>, then prints its exit status and <c>stty -a</c> so
/// the test can see what the terminal was left in.
/// </summary>
public sealed class PtyRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _output = new();
    private readonly Lock _gate = new();
    private readonly Task _reader;

    private PtyRun(Process process)
    {
        _process = process;
        _reader = CopyOutputAsync();
    }

    public static PtyRun Start(EntryInstallation entry, string setup) =>
        Run($"{setup}; '{entry.Binary}' -c raw-session; echo \"status=$?\"; stty -a", ("DOTNET_ROOT", entry.DotnetRoot));

    /// <summary>Any shell command on a fresh terminal (TERM=xterm).</summary>
    public static PtyRun Run(string shellCommand, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-q", "-e", "-c", shellCommand, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new PtyRun(Process.Start(start)!);
    }

    /// <summary>Sets the size of the entry program's terminal, which signals it (SIGWINCH).</summary>
    public static Task ResizeAsync(int pid, int rows, int columns, CancellationToken cancellationToken) =>
        RunAsync("stty", ["-F", $"/proc/{pid}/fd/0",
            "rows", rows.ToString(CultureInfo.InvariantCulture), "cols", columns.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    public static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }

    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        while (!Output().Contains(text, StringComparison.Ordinal))
        {
            if (_reader.IsCompleted)
            {
                Assert.Fail($"The terminal closed before showing '{text}': {Output()}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Bytes typed on the terminal.</summary>
    public async Task TypeAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _process.StandardInput.BaseStream.WriteAsync(bytes, cancellationToken);
        await _process.StandardInput.BaseStream.FlushAsync(cancellationToken);
    }

    /// <summary>Waits for the shell in the terminal to end; everything the terminal showed.</summary>
    public async Task<string> FinishAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _reader.WaitAsync(cancellationToken);
        return Output();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _output.Dispose();
    }

    private string Output()
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetString(_output.GetBuffer(), 0, (int)_output.Length);
        }
    }

    private async Task CopyOutputAsync()
    {
        var buffer = new byte[4096];
        var stream = _process.StandardOutput.BaseStream;
        int count;
        while ((count = await stream.ReadAsync(buffer)) > 0)
        {
            Append(buffer.AsSpan(0, count));
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            _output.Write(bytes);
        }
    }
}
