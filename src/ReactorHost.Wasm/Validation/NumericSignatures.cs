using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Validation;

/// <summary>
/// Operand and result types of the fixed-signature instructions: numeric operators (0x45–0xC4,
/// 0xFC00–0xFC07) and memory loads/stores (0x28–0x3E), as lookup tables.
/// </summary>
internal static class NumericSignatures
{
    /// <summary>A numeric operator's signature: one or two inputs (Input2 = Unknown for unary) and one output.</summary>
    public readonly record struct Signature(ValueKind Input1, ValueKind Input2, ValueKind Output);

    /// <summary>A load or store: the value type, the natural alignment exponent and the direction.</summary>
    public readonly record struct MemoryAccess(ValueKind Kind, uint NaturalAlignment, bool IsStore);

    private const ValueKind I32 = ValueKind.Int32;
    private const ValueKind I64 = ValueKind.Int64;
    private const ValueKind F32 = ValueKind.Float32;
    private const ValueKind F64 = ValueKind.Float64;
    private const ValueKind None = ValueKind.Unknown;

    private static readonly Signature[] SingleByte = BuildSingleByte();
    private static readonly Signature[] SaturatingTruncations =
    [
        new(F32, None, I32), new(F32, None, I32), new(F64, None, I32), new(F64, None, I32),
        new(F32, None, I64), new(F32, None, I64), new(F64, None, I64), new(F64, None, I64),
    ];

    private static readonly MemoryAccess[] MemoryAccesses =
    [
        new(I32, 2, false), new(I64, 3, false), new(F32, 2, false), new(F64, 3, false), // 0x28-0x2B
        new(I32, 0, false), new(I32, 0, false), new(I32, 1, false), new(I32, 1, false), // 0x2C-0x2F
        new(I64, 0, false), new(I64, 0, false), new(I64, 1, false), new(I64, 1, false), // 0x30-0x33
        new(I64, 2, false), new(I64, 2, false),                                         // 0x34-0x35
        new(I32, 2, true), new(I64, 3, true), new(F32, 2, true), new(F64, 3, true),     // 0x36-0x39
        new(I32, 0, true), new(I32, 1, true),                                           // 0x3A-0x3B
        new(I64, 0, true), new(I64, 1, true), new(I64, 2, true),                        // 0x3C-0x3E
    ];

    /// <summary>The signature of a numeric operator (0x45–0xC4 or 0xFC00–0xFC07).</summary>
    public static Signature Get(Opcode opcode)
    {
        var raw = (int)opcode;
        return raw >= 0xFC00 ? SaturatingTruncations[raw - 0xFC00] : SingleByte[raw];
    }

    /// <summary>The access description of a load or store (0x28–0x3E).</summary>
    public static MemoryAccess GetMemoryAccess(Opcode opcode) => MemoryAccesses[(int)opcode - 0x28];

    private static Signature[] BuildSingleByte()
    {
        var table = new Signature[256];
        void Range(int first, int last, ValueKind input1, ValueKind input2, ValueKind output)
        {
            for (var op = first; op <= last; op++)
                table[op] = new Signature(input1, input2, output);
        }

        Range(0x45, 0x45, I32, None, I32); // i32.eqz
        Range(0x46, 0x4F, I32, I32, I32); // i32 comparisons
        Range(0x50, 0x50, I64, None, I32); // i64.eqz
        Range(0x51, 0x5A, I64, I64, I32); // i64 comparisons
        Range(0x5B, 0x60, F32, F32, I32); // f32 comparisons
        Range(0x61, 0x66, F64, F64, I32); // f64 comparisons
        Range(0x67, 0x69, I32, None, I32); // i32 clz/ctz/popcnt
        Range(0x6A, 0x78, I32, I32, I32); // i32 binary
        Range(0x79, 0x7B, I64, None, I64); // i64 clz/ctz/popcnt
        Range(0x7C, 0x8A, I64, I64, I64); // i64 binary
        Range(0x8B, 0x91, F32, None, F32); // f32 unary
        Range(0x92, 0x98, F32, F32, F32); // f32 binary
        Range(0x99, 0x9F, F64, None, F64); // f64 unary
        Range(0xA0, 0xA6, F64, F64, F64); // f64 binary
        Range(0xA7, 0xA7, I64, None, I32); // i32.wrap_i64
        Range(0xA8, 0xA9, F32, None, I32); // i32.trunc_f32
        Range(0xAA, 0xAB, F64, None, I32); // i32.trunc_f64
        Range(0xAC, 0xAD, I32, None, I64); // i64.extend_i32
        Range(0xAE, 0xAF, F32, None, I64); // i64.trunc_f32
        Range(0xB0, 0xB1, F64, None, I64); // i64.trunc_f64
        Range(0xB2, 0xB3, I32, None, F32); // f32.convert_i32
        Range(0xB4, 0xB5, I64, None, F32); // f32.convert_i64
        Range(0xB6, 0xB6, F64, None, F32); // f32.demote_f64
        Range(0xB7, 0xB8, I32, None, F64); // f64.convert_i32
        Range(0xB9, 0xBA, I64, None, F64); // f64.convert_i64
        Range(0xBB, 0xBB, F32, None, F64); // f64.promote_f32
        Range(0xBC, 0xBC, F32, None, I32); // i32.reinterpret_f32
        Range(0xBD, 0xBD, F64, None, I64); // i64.reinterpret_f64
        Range(0xBE, 0xBE, I32, None, F32); // f32.reinterpret_i32
        Range(0xBF, 0xBF, I64, None, F64); // f64.reinterpret_i64
        Range(0xC0, 0xC1, I32, None, I32); // i32.extend8_s/16_s
        Range(0xC2, 0xC4, I64, None, I64); // i64.extend8_s/16_s/32_s
        return table;
    }
}
