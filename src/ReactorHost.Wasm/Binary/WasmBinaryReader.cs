using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace ReactorHost.Wasm.Binary;

/// <summary>
/// A forward-only cursor over part of a module binary: bytes, LEB128 integers (padded encodings
/// accepted up to the maximum length), names and value types. Every failure is a malformed-module
/// <see cref="WasmModuleException"/> naming the module offset.
/// </summary>
internal ref struct WasmBinaryReader
{
    /// <summary>Reason used when a read runs past the end of the whole input.</summary>
    public const string UnexpectedEnd = "unexpected end";

    /// <summary>Reason used when a read runs past the end of a section or function body.</summary>
    public const string UnexpectedEndOfSection = "unexpected end of section or function";

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private readonly bool _endsAtEndOfInput;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>, whose first byte is at module offset <paramref name="baseOffset"/>.</summary>
    /// <param name="data">The bytes to read.</param>
    /// <param name="baseOffset">Module offset of <paramref name="data"/>[0].</param>
    /// <param name="endsAtEndOfInput">True when the end of <paramref name="data"/> is the end of the module (chooses the "unexpected end" wording).</param>
    public WasmBinaryReader(ReadOnlySpan<byte> data, int baseOffset, bool endsAtEndOfInput)
    {
        _data = data;
        _baseOffset = baseOffset;
        _endsAtEndOfInput = endsAtEndOfInput;
        _position = 0;
    }

    /// <summary>Position relative to the start of the span.</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    /// <summary>Module offset of the next byte.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True while bytes remain.</summary>
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>The unread bytes.</summary>
    public readonly ReadOnlySpan<byte> Rest => _data[_position..];

    /// <summary>True when the end of this reader is the end of the module.</summary>
    public readonly bool EndsAtEndOfInput => _endsAtEndOfInput;

    /// <summary>Creates a malformed-module exception at <paramref name="offset"/>.</summary>
    public static WasmModuleException Malformed(int offset, string reason) => new(offset, reason, isMalformed: true);

    /// <summary>Reads one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if ((uint)_position >= (uint)_data.Length)
            ThrowUnexpectedEnd();
        return _data[_position++];
    }

    /// <summary>Peeks the next byte without consuming it.</summary>
    public readonly byte PeekByte()
    {
        if ((uint)_position >= (uint)_data.Length)
            ThrowUnexpectedEnd();
        return _data[_position];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes; "length out of bounds" when fewer remain.</summary>
    public ReadOnlySpan<byte> ReadBytes(uint count)
    {
        if (count > (uint)Remaining)
            throw Malformed(Offset, "length out of bounds");
        var result = _data.Slice(_position, (int)count);
        _position += (int)count;
        return result;
    }

    /// <summary>Reads a little-endian 32-bit value (f32.const).</summary>
    public uint ReadFixedUInt32()
    {
        if (Remaining < 4)
            ThrowUnexpectedEnd();
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>Reads a little-endian 64-bit value (f64.const).</summary>
    public ulong ReadFixedUInt64()
    {
        if (Remaining < 8)
            ThrowUnexpectedEnd();
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>Reads an unsigned LEB128 value of at most 32 bits.</summary>
    public uint ReadVarUInt32()
    {
        // Fast path: one byte.
        if ((uint)_position < (uint)_data.Length && _data[_position] < 0x80)
            return _data[_position++];

        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var start = Offset;
            var b = ReadByte();
            if (shift == 28)
            {
                // Fifth byte: only 4 payload bits; the rest must be zero, and it must be the last.
                if ((b & 0x70) != 0)
                    throw Malformed(start, "integer too large");
                if ((b & 0x80) != 0)
                    throw Malformed(start + 1, "integer representation too long");
                return result | ((uint)b << 28);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
    }

    /// <summary>Reads a signed LEB128 value of at most 32 bits.</summary>
    public int ReadVarInt32() => (int)ReadSigned(32);

    /// <summary>Reads a signed LEB128 value of at most 33 bits (block types).</summary>
    public long ReadVarInt33() => ReadSigned(33);

    /// <summary>Reads a signed LEB128 value of at most 64 bits.</summary>
    public long ReadVarInt64() => ReadSigned(64);

    private long ReadSigned(int bits)
    {
        long result = 0;
        var shift = 0;
        var remainingBits = bits;
        while (true)
        {
            if (remainingBits <= 0)
                throw Malformed(Offset, "integer representation too long");
            var start = Offset;
            var b = ReadByte();
            if (remainingBits < 7)
            {
                // Last possible byte: the unused high payload bits must all equal the sign bit.
                var mask = (-1 << (remainingBits - 1)) & 0x7F;
                var high = b & mask;
                if (high != 0 && high != mask)
                    throw Malformed(start, "integer too large");
            }

            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            remainingBits -= 7;
            if ((b & 0x80) == 0)
            {
                if (shift < 64 && (b & 0x40) != 0)
                    result |= -1L << shift;
                return result;
            }
        }
    }

    /// <summary>Reads a vector length and checks it is plausible for items of at least <paramref name="minItemSize"/> bytes.</summary>
    public uint ReadCount(int minItemSize = 1)
    {
        var count = ReadVarUInt32();
        if (minItemSize > 0 && count > (ulong)Remaining / (ulong)minItemSize)
            ThrowUnexpectedEnd(); // not enough bytes left for that many items

        return count;
    }

    /// <summary>Reads a UTF-8 name ("malformed UTF-8 encoding" when invalid).</summary>
    public string ReadName()
    {
        var length = ReadVarUInt32();
        var start = Offset;
        var bytes = ReadBytes(length);
        if (!Utf8.IsValid(bytes))
            throw Malformed(start, "malformed UTF-8 encoding");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a value type byte (numeric, v128 or reference).</summary>
    public ValueKind ReadValueType()
    {
        var start = Offset;
        var b = ReadByte();
        return b switch
        {
            0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F => (ValueKind)b,
            _ => throw Malformed(start, "malformed value type"),
        };
    }

    /// <summary>Reads a reference type byte (funcref or externref).</summary>
    public ValueKind ReadReferenceType()
    {
        var start = Offset;
        var b = ReadByte();
        return b switch
        {
            0x70 or 0x6F => (ValueKind)b,
            _ => throw Malformed(start, "malformed reference type"),
        };
    }

    /// <summary>Reads one byte that must be zero (reserved memory indexes).</summary>
    public void ReadZeroByte()
    {
        var start = Offset;
        if (ReadByte() != 0)
            throw Malformed(start, "zero byte expected");
    }

    /// <summary>Throws the "unexpected end" error suited to this reader.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public readonly void ThrowUnexpectedEnd() => ThrowUnexpectedEnd(_baseOffset + _data.Length);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowUnexpectedEnd(int offset) =>
        throw Malformed(offset, _endsAtEndOfInput ? UnexpectedEnd : UnexpectedEndOfSection);
}
