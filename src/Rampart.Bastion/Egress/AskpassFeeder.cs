using System.Text;
using Rampart.Shell.Unix;

namespace Rampart.Bastion.Egress;

/// <summary>
/// Types egress passwords into one ssh run without them ever being in an argument list, an environment or a file:
/// ssh asks its <c>SSH_ASKPASS</c> program, a small script in a 0700 directory of the daemon's, which reads the next
/// password from a named pipe the daemon writes into: one pipe per password, in order (the current password, then the
/// fallbacks), since a pipe still open by the previous reader would run two passwords together. ssh asks one prompt
/// at a time, so the script's counter needs no lock. The directory and the pipes go away with the session.
/// </summary>
internal sealed class AskpassFeeder : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IReadOnlyList<string> _pipes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _feeding;

    private AskpassFeeder(string directory, IReadOnlyList<string> pipes, IReadOnlyList<string> passwords)
    {
        _directory = directory;
        _pipes = pipes;
        // Opening a pipe for writing waits for its reader, hence a thread of its own.
        _feeding = Task.Factory.StartNew(() => Feed(passwords), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The program to give ssh as <c>SSH_ASKPASS</c>.</summary>
    public string Program => Path.Combine(_directory, "askpass");

    /// <summary>What ssh needs in its environment to ask <see cref="Program"/> even with a terminal.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SSH_ASKPASS"] = Program,
        ["SSH_ASKPASS_REQUIRE"] = "force",
    };

    public static AskpassFeeder Start(IReadOnlyList<string> passwords)
    {
        var directory = Directory.CreateTempSubdirectory("rampart-askpass-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var pipes = passwords.Select((_, i) => Path.Combine(directory, $"password.{i}")).ToList();
            foreach (var pipe in pipes)
            {
                Fifo.Create(pipe, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var script = Path.Combine(directory, "askpass");
            File.WriteAllText(script,
                $"#!/bin/sh\ncd '{directory}' || exit 1\nn=$(cat asked 2>/dev/null || echo 0)\necho $((n + 1)) > asked\n" +
                "[ -p \"password.$n\" ] || exit 1\nexec cat \"password.$n\"\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new AskpassFeeder(directory, pipes, passwords);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // A write waiting for a prompt that never came is let go; it may need a few tries if it was just reaching open.
        for (var tries = 0; !_feeding.IsCompleted && tries < 100; tries++)
        {
            foreach (var pipe in _pipes)
            {
                Fifo.ReleaseWriter(pipe);
            }

            await Task.WhenAny(_feeding, Task.Delay(20));
        }

        Directory.Delete(_directory, recursive: true);
        _stop.Dispose();
    }

    private void Feed(IReadOnlyList<string> passwords)
    {
        for (var i = 0; i < passwords.Count; i++)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                using var writer = new FileStream(_pipes[i], FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                writer.Write(Encoding.UTF8.GetBytes(passwords[i] + "\n"));
            }
            catch (IOException)
            {
                // The reader went away (ssh gave up, or the release at the end): nothing more to give.
                return;
            }
        }
    }
}
