using System.Reflection;
using System.Reflection.Emit;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Emits CIL for the pure stack instructions: every opcode from <c>i32.eqz</c> (0x45) to
/// <c>i64.extend32_s</c> (0xC4) and the saturating truncations (0xFC00–0xFC07). Operands are on
/// the CIL stack as int32 / int64 / float32 / float64; the result is left there with exact
/// WebAssembly semantics (traps through <see cref="Runtime.TrapHelpers"/>).
/// The compiler MUST emit <c>f32.const</c>/<c>f64.const</c> through <see cref="EmitF32Const(ILGenerator, int)"/> and
/// <see cref="EmitF64Const(ILGenerator, long)"/>, never plain <c>ldc.r4</c>/<c>ldc.r8</c>: see their remarks.
/// </summary>
/// <remarks>
/// Instructions whose CIL opcode already has the wasm semantics are emitted inline; the others
/// call a small, aggressively inlined <see cref="WasmMath"/> helper of the same name.
/// f32 arithmetic is followed by <c>conv.r4</c> so the result is a true float32 even on a
/// runtime that evaluates the CIL "F" type in higher precision (RyuJIT elides it).
/// </remarks>
internal static class NumericEmitter
{
    /// <summary>Emits <paramref name="opcode"/>; returns false when it is not a numeric instruction.</summary>
    /// <param name="il">The method body being emitted.</param>
    /// <param name="opcode">The instruction.</param>
    /// <param name="externals">
    /// The module's stubs for engine members (see <see cref="ExternalMembers"/>); null to reference
    /// helpers directly (DynamicMethods, where references are cheap).
    /// </param>
    public static bool TryEmit(ILGenerator il, Opcode opcode, ExternalMembers? externals = null)
    {
        ArgumentNullException.ThrowIfNull(il);
        switch (opcode)
        {
            // ------------------------------------------------------------ i32 comparisons
            case Opcode.I32Eqz:
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Ceq);
                return true;
            case Opcode.I32Eq:
            case Opcode.I64Eq:
            case Opcode.F32Eq:
            case Opcode.F64Eq:
                il.Emit(OpCodes.Ceq);
                return true;
            case Opcode.I32Ne:
            case Opcode.I64Ne:
            case Opcode.F32Ne:
            case Opcode.F64Ne:
                // NaN != x is true: !(a == b) gets that right.
                EmitNegated(il, OpCodes.Ceq);
                return true;
            case Opcode.I32LtS:
            case Opcode.I64LtS:
            case Opcode.F32Lt:
            case Opcode.F64Lt:
                il.Emit(OpCodes.Clt);
                return true;
            case Opcode.I32LtU:
            case Opcode.I64LtU:
                il.Emit(OpCodes.Clt_Un);
                return true;
            case Opcode.I32GtS:
            case Opcode.I64GtS:
            case Opcode.F32Gt:
            case Opcode.F64Gt:
                il.Emit(OpCodes.Cgt);
                return true;
            case Opcode.I32GtU:
            case Opcode.I64GtU:
                il.Emit(OpCodes.Cgt_Un);
                return true;
            case Opcode.I32LeS:
            case Opcode.I64LeS:
                EmitNegated(il, OpCodes.Cgt);
                return true;
            case Opcode.I32LeU:
            case Opcode.I64LeU:
            case Opcode.F32Le:
            case Opcode.F64Le:
                // For floats cgt.un is "greater or unordered", so its negation is false for NaN.
                EmitNegated(il, OpCodes.Cgt_Un);
                return true;
            case Opcode.I32GeS:
            case Opcode.I64GeS:
                EmitNegated(il, OpCodes.Clt);
                return true;
            case Opcode.I32GeU:
            case Opcode.I64GeU:
            case Opcode.F32Ge:
            case Opcode.F64Ge:
                EmitNegated(il, OpCodes.Clt_Un);
                return true;
            case Opcode.I64Eqz:
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Conv_I8);
                il.Emit(OpCodes.Ceq);
                return true;

            // ------------------------------------------------------------ i32 arithmetic
            case Opcode.I32Clz: return Call(il, externals, Helpers.I32Clz);
            case Opcode.I32Ctz: return Call(il, externals, Helpers.I32Ctz);
            case Opcode.I32Popcnt: return Call(il, externals, Helpers.I32Popcnt);
            case Opcode.I32Add:
            case Opcode.I64Add:
                il.Emit(OpCodes.Add);
                return true;
            case Opcode.I32Sub:
            case Opcode.I64Sub:
                il.Emit(OpCodes.Sub);
                return true;
            case Opcode.I32Mul:
            case Opcode.I64Mul:
                il.Emit(OpCodes.Mul);
                return true;
            case Opcode.I32DivS: return Call(il, externals, Helpers.I32DivS);
            case Opcode.I32DivU: return Call(il, externals, Helpers.I32DivU);
            case Opcode.I32RemS: return Call(il, externals, Helpers.I32RemS);
            case Opcode.I32RemU: return Call(il, externals, Helpers.I32RemU);
            case Opcode.I32And:
            case Opcode.I64And:
                il.Emit(OpCodes.And);
                return true;
            case Opcode.I32Or:
            case Opcode.I64Or:
                il.Emit(OpCodes.Or);
                return true;
            case Opcode.I32Xor:
            case Opcode.I64Xor:
                il.Emit(OpCodes.Xor);
                return true;
            case Opcode.I32Shl: return EmitShift32(il, OpCodes.Shl);
            case Opcode.I32ShrS: return EmitShift32(il, OpCodes.Shr);
            case Opcode.I32ShrU: return EmitShift32(il, OpCodes.Shr_Un);
            case Opcode.I32Rotl: return Call(il, externals, Helpers.I32Rotl);
            case Opcode.I32Rotr: return Call(il, externals, Helpers.I32Rotr);

            // ------------------------------------------------------------ i64 arithmetic
            case Opcode.I64Clz: return Call(il, externals, Helpers.I64Clz);
            case Opcode.I64Ctz: return Call(il, externals, Helpers.I64Ctz);
            case Opcode.I64Popcnt: return Call(il, externals, Helpers.I64Popcnt);
            case Opcode.I64DivS: return Call(il, externals, Helpers.I64DivS);
            case Opcode.I64DivU: return Call(il, externals, Helpers.I64DivU);
            case Opcode.I64RemS: return Call(il, externals, Helpers.I64RemS);
            case Opcode.I64RemU: return Call(il, externals, Helpers.I64RemU);
            case Opcode.I64Shl: return EmitShift64(il, OpCodes.Shl);
            case Opcode.I64ShrS: return EmitShift64(il, OpCodes.Shr);
            case Opcode.I64ShrU: return EmitShift64(il, OpCodes.Shr_Un);
            case Opcode.I64Rotl: return Call(il, externals, Helpers.I64Rotl);
            case Opcode.I64Rotr: return Call(il, externals, Helpers.I64Rotr);

            // ------------------------------------------------------------ f32 arithmetic
            case Opcode.F32Abs: return Call(il, externals, Helpers.F32Abs);
            case Opcode.F32Neg: return Call(il, externals, Helpers.F32Neg);
            case Opcode.F32Ceil: return Call(il, externals, Helpers.F32Ceil);
            case Opcode.F32Floor: return Call(il, externals, Helpers.F32Floor);
            case Opcode.F32Trunc: return Call(il, externals, Helpers.F32Trunc);
            case Opcode.F32Nearest: return Call(il, externals, Helpers.F32Nearest);
            case Opcode.F32Sqrt: return Call(il, externals, Helpers.F32Sqrt);
            case Opcode.F32Add: return EmitF32Arithmetic(il, OpCodes.Add);
            case Opcode.F32Sub: return EmitF32Arithmetic(il, OpCodes.Sub);
            case Opcode.F32Mul: return EmitF32Arithmetic(il, OpCodes.Mul);
            case Opcode.F32Div: return EmitF32Arithmetic(il, OpCodes.Div);
            case Opcode.F32Min: return Call(il, externals, Helpers.F32Min);
            case Opcode.F32Max: return Call(il, externals, Helpers.F32Max);
            case Opcode.F32Copysign: return Call(il, externals, Helpers.F32Copysign);

            // ------------------------------------------------------------ f64 arithmetic
            case Opcode.F64Abs: return Call(il, externals, Helpers.F64Abs);
            case Opcode.F64Neg: return Call(il, externals, Helpers.F64Neg);
            case Opcode.F64Ceil: return Call(il, externals, Helpers.F64Ceil);
            case Opcode.F64Floor: return Call(il, externals, Helpers.F64Floor);
            case Opcode.F64Trunc: return Call(il, externals, Helpers.F64Trunc);
            case Opcode.F64Nearest: return Call(il, externals, Helpers.F64Nearest);
            case Opcode.F64Sqrt: return Call(il, externals, Helpers.F64Sqrt);
            case Opcode.F64Add:
                il.Emit(OpCodes.Add);
                return true;
            case Opcode.F64Sub:
                il.Emit(OpCodes.Sub);
                return true;
            case Opcode.F64Mul:
                il.Emit(OpCodes.Mul);
                return true;
            case Opcode.F64Div:
                il.Emit(OpCodes.Div);
                return true;
            case Opcode.F64Min: return Call(il, externals, Helpers.F64Min);
            case Opcode.F64Max: return Call(il, externals, Helpers.F64Max);
            case Opcode.F64Copysign: return Call(il, externals, Helpers.F64Copysign);

            // ------------------------------------------------------------ conversions
            case Opcode.I32WrapI64:
                il.Emit(OpCodes.Conv_I4);
                return true;
            case Opcode.I32TruncF32S: return Call(il, externals, Helpers.I32TruncF32S);
            case Opcode.I32TruncF32U: return Call(il, externals, Helpers.I32TruncF32U);
            case Opcode.I32TruncF64S: return Call(il, externals, Helpers.I32TruncF64S);
            case Opcode.I32TruncF64U: return Call(il, externals, Helpers.I32TruncF64U);
            case Opcode.I64ExtendI32S:
                il.Emit(OpCodes.Conv_I8);
                return true;
            case Opcode.I64ExtendI32U:
                il.Emit(OpCodes.Conv_U8);
                return true;
            case Opcode.I64TruncF32S: return Call(il, externals, Helpers.I64TruncF32S);
            case Opcode.I64TruncF32U: return Call(il, externals, Helpers.I64TruncF32U);
            case Opcode.I64TruncF64S: return Call(il, externals, Helpers.I64TruncF64S);
            case Opcode.I64TruncF64U: return Call(il, externals, Helpers.I64TruncF64U);
            case Opcode.F32ConvertI32S:
                il.Emit(OpCodes.Conv_R4);
                return true;
            case Opcode.F32ConvertI32U: return Call(il, externals, Helpers.F32ConvertI32U);
            case Opcode.F32ConvertI64S: return Call(il, externals, Helpers.F32ConvertI64S);
            case Opcode.F32ConvertI64U: return Call(il, externals, Helpers.F32ConvertI64U);
            case Opcode.F32DemoteF64: return Call(il, externals, Helpers.F32DemoteF64);
            case Opcode.F64ConvertI32S:
            case Opcode.F64ConvertI64S:
            case Opcode.F64PromoteF32:
                il.Emit(OpCodes.Conv_R8);
                return true;
            case Opcode.F64ConvertI32U: return Call(il, externals, Helpers.F64ConvertI32U);
            case Opcode.F64ConvertI64U: return Call(il, externals, Helpers.F64ConvertI64U);
            case Opcode.I32ReinterpretF32: return Call(il, externals, Helpers.SingleToInt32Bits);
            case Opcode.I64ReinterpretF64: return Call(il, externals, Helpers.DoubleToInt64Bits);
            case Opcode.F32ReinterpretI32: return Call(il, externals, Helpers.Int32BitsToSingle);
            case Opcode.F64ReinterpretI64: return Call(il, externals, Helpers.Int64BitsToDouble);

            // ------------------------------------------------------------ sign extension
            case Opcode.I32Extend8S:
                il.Emit(OpCodes.Conv_I1);
                return true;
            case Opcode.I32Extend16S:
                il.Emit(OpCodes.Conv_I2);
                return true;
            case Opcode.I64Extend8S:
                il.Emit(OpCodes.Conv_I1);
                il.Emit(OpCodes.Conv_I8);
                return true;
            case Opcode.I64Extend16S:
                il.Emit(OpCodes.Conv_I2);
                il.Emit(OpCodes.Conv_I8);
                return true;
            case Opcode.I64Extend32S:
                il.Emit(OpCodes.Conv_I4);
                il.Emit(OpCodes.Conv_I8);
                return true;

            // ------------------------------------------------------------ saturating truncation
            case Opcode.I32TruncSatF32S: return Call(il, externals, Helpers.I32TruncSatF32S);
            case Opcode.I32TruncSatF32U: return Call(il, externals, Helpers.I32TruncSatF32U);
            case Opcode.I32TruncSatF64S: return Call(il, externals, Helpers.I32TruncSatF64S);
            case Opcode.I32TruncSatF64U: return Call(il, externals, Helpers.I32TruncSatF64U);
            case Opcode.I64TruncSatF32S: return Call(il, externals, Helpers.I64TruncSatF32S);
            case Opcode.I64TruncSatF32U: return Call(il, externals, Helpers.I64TruncSatF32U);
            case Opcode.I64TruncSatF64S: return Call(il, externals, Helpers.I64TruncSatF64S);
            case Opcode.I64TruncSatF64U: return Call(il, externals, Helpers.I64TruncSatF64U);

            default:
                return false;
        }
    }

    /// <summary>
    /// Emits <c>f32.const</c> with exact bits and without enabling NaN-unsafe folds. Use it for
    /// every f32.const: <c>ldc.r4</c> alone is not enough because RyuJIT keeps float constants as
    /// double (quieting a signalling NaN) and folds <c>x - 0</c>, <c>x * 1</c>, <c>x / 1</c> to
    /// <c>x</c> (leaving a signalling NaN operand unquieted). NaN constants are converted from their
    /// bits at run time by a non-inlined helper; ±0 and ±1 are loaded from mutable static fields.
    /// </summary>
    public static void EmitF32Const(ILGenerator il, int bits) => EmitF32Const(il, null, bits);

    /// <summary>Emits <c>f32.const</c> (see <see cref="EmitF32Const(ILGenerator, int)"/>) through the module's stubs.</summary>
    public static void EmitF32Const(ILGenerator il, ExternalMembers? externals, int bits)
    {
        ArgumentNullException.ThrowIfNull(il);
        FieldInfo? identity = bits switch
        {
            0 => Helpers.F32PositiveZero,
            unchecked((int)0x8000_0000) => Helpers.F32NegativeZero,
            0x3F80_0000 => Helpers.F32PositiveOne,
            unchecked((int)0xBF80_0000) => Helpers.F32NegativeOne,
            _ => null,
        };
        if (identity is not null)
        {
            EmitLoadStatic(il, externals, identity);
        }
        else if ((bits & 0x7FFF_FFFF) > 0x7F80_0000)
        {
            il.Emit(OpCodes.Ldc_I4, bits);
            Call(il, externals, Helpers.F32FromBits);
        }
        else
        {
            il.Emit(OpCodes.Ldc_R4, BitConverter.Int32BitsToSingle(bits));
        }
    }

    /// <summary>Emits <c>f64.const</c> with exact bits and without NaN-unsafe folds (see <see cref="EmitF32Const(ILGenerator, int)"/>).</summary>
    public static void EmitF64Const(ILGenerator il, long bits) => EmitF64Const(il, null, bits);

    /// <summary>Emits <c>f64.const</c> (see <see cref="EmitF64Const(ILGenerator, long)"/>) through the module's stubs.</summary>
    public static void EmitF64Const(ILGenerator il, ExternalMembers? externals, long bits)
    {
        ArgumentNullException.ThrowIfNull(il);
        FieldInfo? identity = bits switch
        {
            0 => Helpers.F64PositiveZero,
            unchecked((long)0x8000_0000_0000_0000) => Helpers.F64NegativeZero,
            0x3FF0_0000_0000_0000 => Helpers.F64PositiveOne,
            unchecked((long)0xBFF0_0000_0000_0000) => Helpers.F64NegativeOne,
            _ => null,
        };
        if (identity is not null)
        {
            EmitLoadStatic(il, externals, identity);
        }
        else if ((bits & 0x7FFF_FFFF_FFFF_FFFF) > 0x7FF0_0000_0000_0000)
        {
            il.Emit(OpCodes.Ldc_I8, bits);
            Call(il, externals, Helpers.F64FromBits);
        }
        else
        {
            il.Emit(OpCodes.Ldc_R8, BitConverter.Int64BitsToDouble(bits));
        }
    }

    private static void EmitNegated(ILGenerator il, OpCode comparison)
    {
        il.Emit(comparison);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ceq);
    }

    /// <summary>wasm masks the shift count; CIL leaves counts ≥ width unspecified, so mask explicitly (the JIT folds it).</summary>
    private static bool EmitShift32(ILGenerator il, OpCode shift)
    {
        il.Emit(OpCodes.Ldc_I4_S, (sbyte)31);
        il.Emit(OpCodes.And);
        il.Emit(shift);
        return true;
    }

    /// <summary>The i64 count becomes an int32 (CIL shift counts are int32), masked to 0..63.</summary>
    private static bool EmitShift64(ILGenerator il, OpCode shift)
    {
        il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Ldc_I4_S, (sbyte)63);
        il.Emit(OpCodes.And);
        il.Emit(shift);
        return true;
    }

    private static bool EmitF32Arithmetic(ILGenerator il, OpCode operation)
    {
        il.Emit(operation);
        il.Emit(OpCodes.Conv_R4);
        return true;
    }

    private static void EmitLoadStatic(ILGenerator il, ExternalMembers? externals, FieldInfo field)
    {
        if (externals is null)
        {
            il.Emit(OpCodes.Ldsfld, field);
        }
        else
        {
            externals.EmitLoadStaticField(il, field);
        }
    }

    private static bool Call(ILGenerator il, ExternalMembers? externals, MethodInfo method)
    {
        if (externals is null)
        {
            il.Emit(OpCodes.Call, method);
        }
        else
        {
            externals.EmitCall(il, method);
        }

        return true;
    }

    /// <summary>The helper methods, resolved once.</summary>
    private static class Helpers
    {
        public static readonly MethodInfo I32Clz = Math(nameof(WasmMath.I32Clz));
        public static readonly MethodInfo I32Ctz = Math(nameof(WasmMath.I32Ctz));
        public static readonly MethodInfo I32Popcnt = Math(nameof(WasmMath.I32Popcnt));
        public static readonly MethodInfo I32Rotl = Math(nameof(WasmMath.I32Rotl));
        public static readonly MethodInfo I32Rotr = Math(nameof(WasmMath.I32Rotr));
        public static readonly MethodInfo I32DivS = Math(nameof(WasmMath.I32DivS));
        public static readonly MethodInfo I32DivU = Math(nameof(WasmMath.I32DivU));
        public static readonly MethodInfo I32RemS = Math(nameof(WasmMath.I32RemS));
        public static readonly MethodInfo I32RemU = Math(nameof(WasmMath.I32RemU));
        public static readonly MethodInfo I64Clz = Math(nameof(WasmMath.I64Clz));
        public static readonly MethodInfo I64Ctz = Math(nameof(WasmMath.I64Ctz));
        public static readonly MethodInfo I64Popcnt = Math(nameof(WasmMath.I64Popcnt));
        public static readonly MethodInfo I64Rotl = Math(nameof(WasmMath.I64Rotl));
        public static readonly MethodInfo I64Rotr = Math(nameof(WasmMath.I64Rotr));
        public static readonly MethodInfo I64DivS = Math(nameof(WasmMath.I64DivS));
        public static readonly MethodInfo I64DivU = Math(nameof(WasmMath.I64DivU));
        public static readonly MethodInfo I64RemS = Math(nameof(WasmMath.I64RemS));
        public static readonly MethodInfo I64RemU = Math(nameof(WasmMath.I64RemU));
        public static readonly MethodInfo F32Abs = Math(nameof(WasmMath.F32Abs));
        public static readonly MethodInfo F32Neg = Math(nameof(WasmMath.F32Neg));
        public static readonly MethodInfo F32Copysign = Math(nameof(WasmMath.F32Copysign));
        public static readonly MethodInfo F32Ceil = Math(nameof(WasmMath.F32Ceil));
        public static readonly MethodInfo F32Floor = Math(nameof(WasmMath.F32Floor));
        public static readonly MethodInfo F32Trunc = Math(nameof(WasmMath.F32Trunc));
        public static readonly MethodInfo F32Nearest = Math(nameof(WasmMath.F32Nearest));
        public static readonly MethodInfo F32Sqrt = Math(nameof(WasmMath.F32Sqrt));
        public static readonly MethodInfo F32Min = Math(nameof(WasmMath.F32Min));
        public static readonly MethodInfo F32Max = Math(nameof(WasmMath.F32Max));
        public static readonly MethodInfo F64Abs = Math(nameof(WasmMath.F64Abs));
        public static readonly MethodInfo F64Neg = Math(nameof(WasmMath.F64Neg));
        public static readonly MethodInfo F64Copysign = Math(nameof(WasmMath.F64Copysign));
        public static readonly MethodInfo F64Ceil = Math(nameof(WasmMath.F64Ceil));
        public static readonly MethodInfo F64Floor = Math(nameof(WasmMath.F64Floor));
        public static readonly MethodInfo F64Trunc = Math(nameof(WasmMath.F64Trunc));
        public static readonly MethodInfo F64Nearest = Math(nameof(WasmMath.F64Nearest));
        public static readonly MethodInfo F64Sqrt = Math(nameof(WasmMath.F64Sqrt));
        public static readonly MethodInfo F64Min = Math(nameof(WasmMath.F64Min));
        public static readonly MethodInfo F64Max = Math(nameof(WasmMath.F64Max));
        public static readonly MethodInfo I32TruncF32S = Math(nameof(WasmMath.I32TruncF32S));
        public static readonly MethodInfo I32TruncF32U = Math(nameof(WasmMath.I32TruncF32U));
        public static readonly MethodInfo I32TruncF64S = Math(nameof(WasmMath.I32TruncF64S));
        public static readonly MethodInfo I32TruncF64U = Math(nameof(WasmMath.I32TruncF64U));
        public static readonly MethodInfo I64TruncF32S = Math(nameof(WasmMath.I64TruncF32S));
        public static readonly MethodInfo I64TruncF32U = Math(nameof(WasmMath.I64TruncF32U));
        public static readonly MethodInfo I64TruncF64S = Math(nameof(WasmMath.I64TruncF64S));
        public static readonly MethodInfo I64TruncF64U = Math(nameof(WasmMath.I64TruncF64U));
        public static readonly MethodInfo I32TruncSatF32S = Math(nameof(WasmMath.I32TruncSatF32S));
        public static readonly MethodInfo I32TruncSatF32U = Math(nameof(WasmMath.I32TruncSatF32U));
        public static readonly MethodInfo I32TruncSatF64S = Math(nameof(WasmMath.I32TruncSatF64S));
        public static readonly MethodInfo I32TruncSatF64U = Math(nameof(WasmMath.I32TruncSatF64U));
        public static readonly MethodInfo I64TruncSatF32S = Math(nameof(WasmMath.I64TruncSatF32S));
        public static readonly MethodInfo I64TruncSatF32U = Math(nameof(WasmMath.I64TruncSatF32U));
        public static readonly MethodInfo I64TruncSatF64S = Math(nameof(WasmMath.I64TruncSatF64S));
        public static readonly MethodInfo I64TruncSatF64U = Math(nameof(WasmMath.I64TruncSatF64U));
        public static readonly MethodInfo F32ConvertI32U = Math(nameof(WasmMath.F32ConvertI32U));
        public static readonly MethodInfo F32ConvertI64S = Math(nameof(WasmMath.F32ConvertI64S));
        public static readonly MethodInfo F32ConvertI64U = Math(nameof(WasmMath.F32ConvertI64U));
        public static readonly MethodInfo F64ConvertI32U = Math(nameof(WasmMath.F64ConvertI32U));
        public static readonly MethodInfo F64ConvertI64U = Math(nameof(WasmMath.F64ConvertI64U));

        public static readonly MethodInfo F32DemoteF64 = Math(nameof(WasmMath.F32DemoteF64));
        public static readonly MethodInfo F32FromBits = Math(nameof(WasmMath.F32FromBits));
        public static readonly MethodInfo F64FromBits = Math(nameof(WasmMath.F64FromBits));

        public static readonly FieldInfo F32PositiveZero = Field(nameof(WasmMath.F32PositiveZero));
        public static readonly FieldInfo F32NegativeZero = Field(nameof(WasmMath.F32NegativeZero));
        public static readonly FieldInfo F32PositiveOne = Field(nameof(WasmMath.F32PositiveOne));
        public static readonly FieldInfo F32NegativeOne = Field(nameof(WasmMath.F32NegativeOne));
        public static readonly FieldInfo F64PositiveZero = Field(nameof(WasmMath.F64PositiveZero));
        public static readonly FieldInfo F64NegativeZero = Field(nameof(WasmMath.F64NegativeZero));
        public static readonly FieldInfo F64PositiveOne = Field(nameof(WasmMath.F64PositiveOne));
        public static readonly FieldInfo F64NegativeOne = Field(nameof(WasmMath.F64NegativeOne));

        public static readonly MethodInfo SingleToInt32Bits = Bits(nameof(BitConverter.SingleToInt32Bits), typeof(float));
        public static readonly MethodInfo DoubleToInt64Bits = Bits(nameof(BitConverter.DoubleToInt64Bits), typeof(double));
        public static readonly MethodInfo Int32BitsToSingle = Bits(nameof(BitConverter.Int32BitsToSingle), typeof(int));
        public static readonly MethodInfo Int64BitsToDouble = Bits(nameof(BitConverter.Int64BitsToDouble), typeof(long));

        private static MethodInfo Math(string name) =>
            typeof(WasmMath).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(nameof(WasmMath), name);

        private static FieldInfo Field(string name) =>
            typeof(WasmMath).GetField(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingFieldException(nameof(WasmMath), name);

        private static MethodInfo Bits(string name, Type parameter) =>
            typeof(BitConverter).GetMethod(name, BindingFlags.Public | BindingFlags.Static, [parameter])
            ?? throw new MissingMethodException(nameof(BitConverter), name);
    }
}
