using System.Buffers.Binary;

namespace Rampart.Core.Bastion.Keys;

/// <summary>Reads the SSH wire format (RFC 4251 §5) of a public key blob: length-prefixed strings and mpints.</summary>
internal ref struct SshWireReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_rest.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        if (length > (uint)(_rest.Length - 4))
        {
            return false;
        }

        value = _rest.Slice(4, (int)length);
        _rest = _rest[(4 + (int)length)..];
        return true;
    }

    /// <summary>A non-negative mpint, its magnitude without leading zeros (empty for zero).</summary>
    public bool TryReadPositiveMpint(out ReadOnlySpan<byte> magnitude)
    {
        if (!TryReadString(out magnitude) || (!magnitude.IsEmpty && (magnitude[0] & 0x80) != 0))
        {
            return false;
        }

        magnitude = magnitude.TrimStart((byte)0);
        return true;
    }
}
