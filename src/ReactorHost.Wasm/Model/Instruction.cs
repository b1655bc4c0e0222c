namespace ReactorHost.Wasm.Model;

/// <summary>
/// One decoded instruction. Immediates are stored in a few general fields; which ones are used
/// depends on <see cref="Opcode"/>:
/// <list type="bullet">
/// <item><c>i32.const</c>/<c>i64.const</c>: <see cref="Immediate"/> = the value, sign-extended to 64 bits.</item>
/// <item><c>f32.const</c>/<c>f64.const</c>: <see cref="Immediate"/> = the raw IEEE bits (f32 in the low 32 bits).</item>
/// <item>local/global/call/ref.func/br/br_if/table.get/set/size/grow/fill, memory.init, data.drop, elem.drop:
///   <see cref="Immediate"/> = the index (label depth for branches; table index for table ops;
///   data index for memory.init/data.drop; element index for elem.drop).</item>
/// <item>br_table: <see cref="Labels"/> = the targets, <see cref="Immediate"/> = the default depth.</item>
/// <item>call_indirect: <see cref="Immediate"/> = type index, <see cref="Immediate2"/> = table index.</item>
/// <item>loads/stores: <see cref="Immediate"/> = memarg offset, <see cref="Immediate2"/> = alignment exponent (log2).</item>
/// <item>table.init: <see cref="Immediate"/> = element index, <see cref="Immediate2"/> = table index.
///   table.copy: <see cref="Immediate"/> = destination table, <see cref="Immediate2"/> = source table.</item>
/// <item>block/loop/if: <see cref="BlockType"/>.</item>
/// <item>ref.null and typed select: <see cref="ValueKind"/> (typed select has exactly one type).</item>
/// <item>typed select: <see cref="Immediate"/> = the length of its type vector as decoded; the validator
///   rejects any length other than 1 ("invalid result arity").</item>
/// <item>memory.size/grow/copy/fill: memory indexes are always 0 (checked by the decoder).</item>
/// </list>
/// </summary>
internal readonly struct Instruction
{
    /// <summary>The opcode.</summary>
    public Opcode Opcode { get; init; }

    /// <summary>Byte offset of the opcode in the module binary (for error messages and traps).</summary>
    public int Offset { get; init; }

    /// <summary>Main immediate; see the type documentation.</summary>
    public ulong Immediate { get; init; }

    /// <summary>Second immediate; see the type documentation.</summary>
    public uint Immediate2 { get; init; }

    /// <summary>Block type of block/loop/if.</summary>
    public BlockType BlockType { get; init; }

    /// <summary>Type immediate of ref.null and typed select.</summary>
    public ValueKind ValueKind { get; init; }

    /// <summary>br_table targets (without the default).</summary>
    public int[]? Labels { get; init; }

    /// <summary>The immediate as an index.</summary>
    public int Index => (int)Immediate;

    /// <inheritdoc/>
    public override string ToString() => $"{Opcode} @0x{Offset:x}";
}
