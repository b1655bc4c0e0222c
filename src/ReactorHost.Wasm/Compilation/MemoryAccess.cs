using System.Reflection.Emit;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Compilation;

/// <summary>How a wasm load or store maps to CIL: width, indirect instruction and conversion.</summary>
/// <param name="Width">Bytes accessed.</param>
/// <param name="Instruction"><c>ldind.*</c> or <c>stind.*</c>.</param>
/// <param name="Convert">For a load, the widening after <c>ldind</c>; for a store, the narrowing before <c>stind</c>.</param>
/// <param name="ResultType">The CIL type a load leaves (null for a store).</param>
/// <param name="ValueType">The CIL type of the value a store takes (null for a load).</param>
internal readonly record struct MemoryAccess(int Width, OpCode Instruction, OpCode? Convert, Type? ResultType, Type? ValueType)
{
    /// <summary>The mapping of load or store <paramref name="opcode"/>.</summary>
    public static MemoryAccess Of(Opcode opcode) => opcode switch
    {
        Opcode.I32Load => Load(4, OpCodes.Ldind_I4, null, typeof(int)),
        Opcode.I64Load => Load(8, OpCodes.Ldind_I8, null, typeof(long)),
        Opcode.F32Load => Load(4, OpCodes.Ldind_R4, null, typeof(float)),
        Opcode.F64Load => Load(8, OpCodes.Ldind_R8, null, typeof(double)),
        Opcode.I32Load8S => Load(1, OpCodes.Ldind_I1, null, typeof(int)),
        Opcode.I32Load8U => Load(1, OpCodes.Ldind_U1, null, typeof(int)),
        Opcode.I32Load16S => Load(2, OpCodes.Ldind_I2, null, typeof(int)),
        Opcode.I32Load16U => Load(2, OpCodes.Ldind_U2, null, typeof(int)),
        Opcode.I64Load8S => Load(1, OpCodes.Ldind_I1, OpCodes.Conv_I8, typeof(long)),
        Opcode.I64Load8U => Load(1, OpCodes.Ldind_U1, OpCodes.Conv_U8, typeof(long)),
        Opcode.I64Load16S => Load(2, OpCodes.Ldind_I2, OpCodes.Conv_I8, typeof(long)),
        Opcode.I64Load16U => Load(2, OpCodes.Ldind_U2, OpCodes.Conv_U8, typeof(long)),
        Opcode.I64Load32S => Load(4, OpCodes.Ldind_I4, OpCodes.Conv_I8, typeof(long)),
        Opcode.I64Load32U => Load(4, OpCodes.Ldind_U4, OpCodes.Conv_U8, typeof(long)),
        Opcode.I32Store => Store(4, OpCodes.Stind_I4, null, typeof(int)),
        Opcode.I64Store => Store(8, OpCodes.Stind_I8, null, typeof(long)),
        Opcode.F32Store => Store(4, OpCodes.Stind_R4, null, typeof(float)),
        Opcode.F64Store => Store(8, OpCodes.Stind_R8, null, typeof(double)),
        Opcode.I32Store8 => Store(1, OpCodes.Stind_I1, null, typeof(int)),
        Opcode.I32Store16 => Store(2, OpCodes.Stind_I2, null, typeof(int)),
        Opcode.I64Store8 => Store(1, OpCodes.Stind_I1, OpCodes.Conv_I4, typeof(long)),
        Opcode.I64Store16 => Store(2, OpCodes.Stind_I2, OpCodes.Conv_I4, typeof(long)),
        Opcode.I64Store32 => Store(4, OpCodes.Stind_I4, OpCodes.Conv_I4, typeof(long)),
        _ => throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "not a load or store"),
    };

    private static MemoryAccess Load(int width, OpCode instruction, OpCode? widen, Type result) => new(width, instruction, widen, result, null);

    private static MemoryAccess Store(int width, OpCode instruction, OpCode? narrow, Type value) => new(width, instruction, narrow, null, value);
}
