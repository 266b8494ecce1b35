using System.Buffers.Binary;
using Rampart.Contracts.Bastion;

namespace Rampart.Bastion.Entry;

/// <summary>Reads <see cref="OshFrame"/>s from the daemon, one at a time.</summary>
internal sealed class FrameReader(Stream stream)
{
    private readonly byte[] _header = new byte[OshFrame.HeaderSize];
    private byte[] _payload = new byte[64 * 1024];

    /// <summary>
    /// The next frame, its payload valid until the next call; null when the daemon closed the socket, even in the
    /// middle of a frame.
    /// </summary>
    /// <exception cref="InvalidDataException">The announced payload is negative or larger than <see cref="OshFrame.MaxPayload"/>.</exception>
    public async Task<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await stream.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, cancellationToken) < _header.Length)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1));
        if (length is < 0 or > OshFrame.MaxPayload)
        {
            throw new InvalidDataException($"the daemon sent a frame of {(uint)length} bytes (at most {OshFrame.MaxPayload} allowed)");
        }

        if (_payload.Length < length)
        {
            _payload = new byte[length];
        }

        var payload = _payload.AsMemory(0, length);
        if (await stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false, cancellationToken) < length)
        {
            return null;
        }

        return new Frame(_header[0], payload);
    }

    /// <summary>One frame: its type byte and payload.</summary>
    public sealed record Frame(byte Type, ReadOnlyMemory<byte> Payload);
}
