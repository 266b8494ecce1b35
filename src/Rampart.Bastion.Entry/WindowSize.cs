using System.Buffers.Binary;

namespace Rampart.Bastion.Entry;

/// <summary>A terminal's size in character cells; 0/0 when there is no terminal or it does not say.</summary>
internal readonly record struct WindowSize(int Rows, int Columns)
{
    public const int PayloadSize = 4;

    /// <summary>The size of the terminal on <paramref name="fd"/>.</summary>
    public static WindowSize Of(int fd) => Terminal.TryGetWindowSize(fd, out var rows, out var columns) ? new(rows, columns) : default;

    /// <summary>The <c>WindowSize</c> frame's payload: rows then columns, 2 bytes each, big-endian.</summary>
    public void WriteTo(Span<byte> payload)
    {
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)Rows);
        BinaryPrimitives.WriteUInt16BigEndian(payload[2..], (ushort)Columns);
    }
}
