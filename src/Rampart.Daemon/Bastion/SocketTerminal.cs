using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using Rampart.Bastion.Dispatch;
using Rampart.Contracts.Bastion;

namespace Rampart.Daemon.Bastion;

/// <summary>
/// The client's terminal at the far end of the entry program's socket: writes become frames, and the frames the
/// entry program sends (stdin, end of stdin, window size) are read by one loop that feeds a pipe for <see cref="Stdin"/>.
/// </summary>
public sealed class SocketTerminal : OshTerminal, IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Pipe _stdin = new();
    private readonly Task _reader;
    private readonly CancellationTokenSource _closed = new();
    private (int Rows, int Columns) _size;

    public SocketTerminal(NetworkStream stream, OshHello hello)
    {
        _stream = stream;
        IsTty = hello.Tty;
        Term = hello.Term;
        Locale = hello.Locale ?? new Dictionary<string, string>();
        _size = (hello.Rows, hello.Columns);
        Stdin = _stdin.Reader.AsStream();
        _reader = Task.Run(ReadFramesAsync);
    }

    public override bool IsTty { get; }

    public override string? Term { get; }

    public override IReadOnlyDictionary<string, string> Locale { get; }

    public override (int Rows, int Columns) Size => _size;

    public override Stream Stdin { get; }

    /// <summary>Cancelled when the entry program goes away (the client disconnected).</summary>
    public CancellationToken Closed => _closed.Token;

    public override ValueTask WriteStdoutAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        new(WriteFrameAsync(OshFrame.Stdout, data, cancellationToken));

    public override ValueTask WriteStderrAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        new(WriteFrameAsync(OshFrame.Stderr, data, cancellationToken));

    public override ValueTask RequestRawModeAsync(CancellationToken cancellationToken) =>
        new(WriteFrameAsync(OshFrame.RawTerminal, ReadOnlyMemory<byte>.Empty, cancellationToken));

    public override ValueTask RestoreTerminalAsync(CancellationToken cancellationToken) =>
        new(WriteFrameAsync(OshFrame.CookedTerminal, ReadOnlyMemory<byte>.Empty, cancellationToken));

    public Task ExitAsync(int status, CancellationToken cancellationToken)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, status);
        return WriteFrameAsync(OshFrame.Exit, payload, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _stream.Socket.Shutdown(SocketShutdown.Both);
        await _reader;
        _closed.Dispose();
        _writeGate.Dispose();
    }

    private async Task WriteFrameAsync(byte type, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        // Header and payload leave in one write: one syscall, and one wake-up of the entry program, per frame.
        var frame = ArrayPool<byte>.Shared.Rent(OshFrame.HeaderSize + Math.Min(data.Length, OshFrame.MaxPayload));
        try
        {
            for (var offset = 0; offset < data.Length || (offset == 0 && data.Length == 0); offset += OshFrame.MaxPayload)
            {
                var chunk = data.Slice(offset, Math.Min(OshFrame.MaxPayload, data.Length - offset));
                OshFrame.WriteHeader(frame, type, chunk.Length);
                chunk.Span.CopyTo(frame.AsSpan(OshFrame.HeaderSize));
                await _stream.WriteAsync(frame.AsMemory(0, OshFrame.HeaderSize + chunk.Length), cancellationToken);
                if (data.Length == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
            _writeGate.Release();
        }
    }

    private async Task ReadFramesAsync()
    {
        try
        {
            while (await FrameReading.ReadAsync(_stream, _closed.Token) is { } frame)
            {
                switch (frame.Type)
                {
                    case OshFrame.Stdin:
                        await _stdin.Writer.WriteAsync(frame.Payload, _closed.Token);
                        break;
                    case OshFrame.StdinClosed:
                        await _stdin.Writer.CompleteAsync();
                        break;
                    case OshFrame.WindowSize when frame.Payload.Length == 4:
                        _size = (BinaryPrimitives.ReadUInt16BigEndian(frame.Payload), BinaryPrimitives.ReadUInt16BigEndian(frame.Payload.AsSpan(2)));
                        OnResized(_size.Rows, _size.Columns);
                        break;
                    default:
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or InvalidDataException)
        {
            // The entry program went away or spoke nonsense: the session ends.
        }
        finally
        {
            await _stdin.Writer.CompleteAsync();
            await _closed.CancelAsync();
        }
    }
}
