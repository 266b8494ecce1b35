using Rampart.Contracts.Bastion;

namespace Rampart.Bastion.Entry;

/// <summary>
/// Writes <see cref="OshFrame"/>s to the daemon. Stdin and window-size changes write from different tasks, so whole
/// frames are serialised: header and payload leave in one write, never interleaved with another frame.
/// </summary>
internal sealed class FrameWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[] _buffer = new byte[OshFrame.HeaderSize + Relay.StdinChunkSize];

    public async Task WriteAsync(byte type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > OshFrame.MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "Frame payload too large.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var length = OshFrame.HeaderSize + payload.Length;
            if (_buffer.Length < length)
            {
                _buffer = new byte[length];
            }

            OshFrame.WriteHeader(_buffer, type, payload.Length);
            payload.Span.CopyTo(_buffer.AsSpan(OshFrame.HeaderSize));
            await stream.WriteAsync(_buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
