using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Rampart.Core.Bastion.Keys;

/// <summary>Writes the SSH wire format (RFC 4251 §5): length-prefixed strings and mpints.</summary>
internal sealed class SshWireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public SshWireWriter String(string value) => String(Encoding.ASCII.GetBytes(value));

    public SshWireWriter String(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), (uint)value.Length);
        _buffer.Advance(4);
        _buffer.Write(value);
        return this;
    }

    /// <summary>A non-negative integer given big-endian: minimal, with a zero byte when the top bit would read as a sign.</summary>
    public SshWireWriter PositiveMpint(ReadOnlySpan<byte> bigEndian)
    {
        var magnitude = bigEndian.TrimStart((byte)0);
        if (!magnitude.IsEmpty && (magnitude[0] & 0x80) != 0)
        {
            var padded = new byte[magnitude.Length + 1];
            magnitude.CopyTo(padded.AsSpan(1));
            return String(padded);
        }

        return String(magnitude);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
