using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Binary;

/// <summary>
/// Decodes an instruction stream (a function body's code or a constant expression) into
/// <see cref="Instruction"/> values, with immediates as documented on <see cref="Instruction"/>.
/// Allocates only for <c>br_table</c> label vectors.
/// </summary>
internal ref struct OperatorReader
{
    private WasmBinaryReader _reader;

    /// <summary>Creates a reader over <paramref name="code"/>, whose first byte is at module offset <paramref name="baseOffset"/>.</summary>
    public OperatorReader(ReadOnlySpan<byte> code, int baseOffset)
        : this(code, baseOffset, endsAtEndOfInput: false)
    {
    }

    /// <summary>Creates a reader; <paramref name="endsAtEndOfInput"/> selects the "unexpected end" wording.</summary>
    public OperatorReader(ReadOnlySpan<byte> code, int baseOffset, bool endsAtEndOfInput)
    {
        _reader = new WasmBinaryReader(code, baseOffset, endsAtEndOfInput);
    }

    /// <summary>True while bytes remain.</summary>
    public readonly bool HasMore => _reader.HasMore;

    /// <summary>Module offset of the next instruction.</summary>
    public readonly int Offset => _reader.Offset;

    /// <summary>Position of the next instruction relative to the start of the code span.</summary>
    public readonly int Position => _reader.Position;

    /// <summary>Decodes the next instruction.</summary>
    /// <exception cref="WasmModuleException">Malformed encoding (unknown opcode, bad LEB128, truncated, ...).</exception>
    /// <exception cref="WasmNotSupportedException">A SIMD instruction.</exception>
    public Instruction Read()
    {
        var offset = _reader.Offset;
        var op = _reader.ReadByte();
        switch (op)
        {
            case 0x00: // unreachable
            case 0x01: // nop
            case 0x05: // else
            case 0x0B: // end
            case 0x0F: // return
            case 0x1A: // drop
            case 0x1B: // select
            case >= 0x45 and <= 0xC4: // numeric
            case 0xD1: // ref.is_null
                return new Instruction { Opcode = (Opcode)op, Offset = offset };

            case 0x02:
            case 0x03:
            case 0x04:
                return new Instruction { Opcode = (Opcode)op, Offset = offset, BlockType = ReadBlockType() };

            case 0x0C: // br
            case 0x0D: // br_if
            case 0x10: // call
            case 0x20: // local.get
            case 0x21: // local.set
            case 0x22: // local.tee
            case 0x23: // global.get
            case 0x24: // global.set
            case 0x25: // table.get
            case 0x26: // table.set
            case 0xD2: // ref.func
                return new Instruction { Opcode = (Opcode)op, Offset = offset, Immediate = _reader.ReadVarUInt32() };

            case 0x0E:
                return ReadBrTable(offset);

            case 0x11:
            {
                var typeIndex = _reader.ReadVarUInt32();
                var tableIndex = _reader.ReadVarUInt32();
                return new Instruction { Opcode = Opcode.CallIndirect, Offset = offset, Immediate = typeIndex, Immediate2 = tableIndex };
            }

            case 0x1C:
                return ReadTypedSelect(offset);

            case >= 0x28 and <= 0x3E:
            {
                var align = _reader.ReadVarUInt32();
                var memoryOffset = _reader.ReadVarUInt32();
                return new Instruction { Opcode = (Opcode)op, Offset = offset, Immediate = memoryOffset, Immediate2 = align };
            }

            case 0x3F: // memory.size
            case 0x40: // memory.grow
                _reader.ReadZeroByte();
                return new Instruction { Opcode = (Opcode)op, Offset = offset };

            case 0x41:
                return new Instruction { Opcode = Opcode.I32Const, Offset = offset, Immediate = unchecked((ulong)(long)_reader.ReadVarInt32()) };
            case 0x42:
                return new Instruction { Opcode = Opcode.I64Const, Offset = offset, Immediate = unchecked((ulong)_reader.ReadVarInt64()) };
            case 0x43:
                return new Instruction { Opcode = Opcode.F32Const, Offset = offset, Immediate = _reader.ReadFixedUInt32() };
            case 0x44:
                return new Instruction { Opcode = Opcode.F64Const, Offset = offset, Immediate = _reader.ReadFixedUInt64() };

            case 0xD0:
                return new Instruction { Opcode = Opcode.RefNull, Offset = offset, ValueKind = _reader.ReadReferenceType() };

            case 0xFC:
                return ReadPrefixed(offset);

            case 0xFD:
                throw new WasmNotSupportedException(offset, "SIMD (v128)");

            default:
                throw IllegalOpcode(offset, op.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WasmModuleException IllegalOpcode(int offset, string opcode) =>
        WasmBinaryReader.Malformed(offset, "illegal opcode " + opcode);

    private BlockType ReadBlockType()
    {
        var b = _reader.PeekByte();
        switch (b)
        {
            case 0x40:
                _reader.Position++;
                return BlockType.Empty;
            case 0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F:
                _reader.Position++;
                return BlockType.FromResult((ValueKind)b);
        }

        var start = _reader.Offset;
        var index = _reader.ReadVarInt33();
        if (index < 0)
            throw WasmBinaryReader.Malformed(start, "malformed value type");

        // Indexes beyond int range cannot exist; keep them out of range so validation reports "unknown type".
        return BlockType.FromTypeIndex(index > int.MaxValue ? int.MaxValue : (int)index);
    }

    private Instruction ReadBrTable(int offset)
    {
        var count = _reader.ReadCount();
        var labels = count == 0 ? [] : new int[count];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = ClampIndex(_reader.ReadVarUInt32());
        var defaultLabel = _reader.ReadVarUInt32();
        return new Instruction { Opcode = Opcode.BrTable, Offset = offset, Labels = labels, Immediate = defaultLabel };
    }

    private Instruction ReadTypedSelect(int offset)
    {
        // The type vector must hold exactly one type; other lengths are kept (in Immediate) for the
        // validator to reject with "invalid result arity".
        var count = _reader.ReadCount();
        var kind = ValueKind.Unknown;
        for (var i = 0u; i < count; i++)
        {
            var t = _reader.ReadValueType();
            if (i == 0)
                kind = t;
        }

        return new Instruction { Opcode = Opcode.SelectTyped, Offset = offset, ValueKind = kind, Immediate = count };
    }

    private Instruction ReadPrefixed(int offset)
    {
        var sub = _reader.ReadVarUInt32();
        switch (sub)
        {
            case <= 7: // saturating truncations
                return new Instruction { Opcode = (Opcode)(0xFC00 | sub), Offset = offset };

            case 8: // memory.init dataidx 0x00
            {
                var dataIndex = _reader.ReadVarUInt32();
                _reader.ReadZeroByte();
                return new Instruction { Opcode = Opcode.MemoryInit, Offset = offset, Immediate = dataIndex };
            }

            case 9: // data.drop
            case 13: // elem.drop
            case 15: // table.grow
            case 16: // table.size
            case 17: // table.fill
                return new Instruction { Opcode = (Opcode)(0xFC00 | sub), Offset = offset, Immediate = _reader.ReadVarUInt32() };

            case 10: // memory.copy 0x00 0x00
                _reader.ReadZeroByte();
                _reader.ReadZeroByte();
                return new Instruction { Opcode = Opcode.MemoryCopy, Offset = offset };

            case 11: // memory.fill 0x00
                _reader.ReadZeroByte();
                return new Instruction { Opcode = Opcode.MemoryFill, Offset = offset };

            case 12: // table.init elemidx tableidx
            case 14: // table.copy dst src
            {
                var first = _reader.ReadVarUInt32();
                var second = _reader.ReadVarUInt32();
                return new Instruction { Opcode = (Opcode)(0xFC00 | sub), Offset = offset, Immediate = first, Immediate2 = second };
            }

            default:
                throw IllegalOpcode(offset, "fc " + sub.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static int ClampIndex(uint index) => index > int.MaxValue ? int.MaxValue : (int)index;
}
