using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Rampart.Contracts.Bastion;

namespace Rampart.Bastion.Entry;

/// <summary>
/// Relays one connection to the daemon: stdin and terminal resizes go up as frames, and the daemon's frames are
/// played back on stdout, stderr and the terminal until it sends the exit status.
/// </summary>
internal sealed class Relay(Stream daemon, StandardStreams standard, Terminal terminal) : IDisposable
{
    /// <summary>Largest <see cref="OshFrame.Stdin"/> payload sent.</summary>
    public const int StdinChunkSize = 32 * 1024;

    /// <summary>Exit status when the session broke (no exit status from the daemon, protocol error, client gone).</summary>
    public const int BrokenSession = 255;

    private readonly FrameWriter _writer = new(daemon);

    /// <summary>How the session ended: the exit status, and a message for stderr when it did not end normally.</summary>
    public sealed record Outcome(int ExitCode, string? Complaint);

    /// <summary>An interactive or command session: Hello, then stdin, resizes and the daemon's output both ways.</summary>
    public async Task<Outcome> RunSessionAsync(OshHello hello, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(OshFrame.Hello, HelloMessage.Encode(hello), cancellationToken);
        using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var resize = hello.Tty ? PosixSignalRegistration.Create(PosixSignal.SIGWINCH, signal => _ = SendWindowSizeAsync(stopInput.Token)) : null;
        // Not awaited: the pump may sit in a read on stdin that nothing interrupts; it ends with the process.
        _ = PumpStdinAsync(stopInput.Token);
        try
        {
            return await ReceiveAsync(cancellationToken);
        }
        finally
        {
            await stopInput.CancelAsync();
        }
    }

    /// <summary>sshd's AuthorizedKeysCommand: ask for the account's keys and print what the daemon answers.</summary>
    public async Task<Outcome> RunKeysRequestAsync(string user, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(OshFrame.KeysRequest, System.Text.Encoding.UTF8.GetBytes(user), cancellationToken);
        return await ReceiveAsync(cancellationToken);
    }

    public void Dispose() => _writer.Dispose();

    private async Task<Outcome> ReceiveAsync(CancellationToken cancellationToken)
    {
        var reader = new FrameReader(daemon);
        while (true)
        {
            FrameReader.Frame? frame;
            try
            {
                frame = await reader.ReadAsync(cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                return new Outcome(BrokenSession, $"protocol error: {exception.Message}");
            }
            catch (IOException)
            {
                frame = null;
            }

            if (frame is null)
            {
                return new Outcome(BrokenSession, "the session ended unexpectedly");
            }

            switch (frame.Type)
            {
                case OshFrame.Stdout or OshFrame.Stderr:
                    try
                    {
                        await (frame.Type == OshFrame.Stdout ? standard.Output : standard.Error).WriteAsync(frame.Payload, cancellationToken);
                    }
                    catch (IOException)
                    {
                        // The client is gone (EPIPE, EIO on a hung-up terminal): nobody is left to tell.
                        return new Outcome(BrokenSession, null);
                    }

                    break;
                case OshFrame.RawTerminal:
                    terminal.EnterRaw();
                    break;
                case OshFrame.CookedTerminal:
                    terminal.Restore();
                    break;
                case OshFrame.Exit:
                    return frame.Payload.Length == sizeof(int)
                        ? new Outcome(BinaryPrimitives.ReadInt32BigEndian(frame.Payload.Span), null)
                        : new Outcome(BrokenSession, $"protocol error: an exit frame of {frame.Payload.Length} bytes");
                default:
                    // A frame type from a newer daemon: relaying means not guessing what it wants.
                    break;
            }
        }
    }

    private async Task PumpStdinAsync(CancellationToken cancellationToken)
    {
        // Read off the caller's path: the first read may block until the client types or closes stdin.
        await Task.Yield();
        var buffer = new byte[StdinChunkSize];
        try
        {
            while (true)
            {
                int count;
                try
                {
                    count = await standard.Input.ReadAsync(buffer, cancellationToken);
                }
                catch (IOException)
                {
                    // EIO from a hung-up terminal: as good as end of file.
                    count = 0;
                }

                if (count == 0)
                {
                    await _writer.WriteAsync(OshFrame.StdinClosed, ReadOnlyMemory<byte>.Empty, cancellationToken);
                    return;
                }

                await _writer.WriteAsync(OshFrame.Stdin, buffer.AsMemory(0, count), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The daemon's side is closed or the session is over; the receive loop reports why.
        }
    }

    private async Task SendWindowSizeAsync(CancellationToken cancellationToken)
    {
        var payload = new byte[WindowSize.PayloadSize];
        WindowSize.Of(StandardStreams.InputFd).WriteTo(payload);
        try
        {
            await _writer.WriteAsync(OshFrame.WindowSize, payload, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
