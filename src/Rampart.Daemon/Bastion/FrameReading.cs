using System.Buffers.Binary;
using Rampart.Contracts.Bastion;

namespace Rampart.Daemon.Bastion;

/// <summary>Reads the entry program's frames: type, big-endian length, payload.</summary>
public static class FrameReading
{
    /// <summary>The next frame, or null at a clean end of stream; oversized frames are refused.</summary>
    public static async Task<(byte Type, byte[] Payload)?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[OshFrame.HeaderSize];
        var got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (got == 0)
        {
            return null;
        }

        if (got < header.Length)
        {
            throw new InvalidDataException("The entry program closed the connection inside a frame.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        if (length is < 0 or > OshFrame.MaxPayload)
        {
            throw new InvalidDataException($"A frame of {length} bytes is out of bounds.");
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return (header[0], payload);
    }
}
