using System.Reflection.Emit;
using ReactorHost.Wasm.Compilation;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Tests.Numerics;

public class NumericEmitterTests
{
    public static TheoryData<JitMode> Modes() => [.. Enum.GetValues<JitMode>()];

    [Fact]
    public void EmitsExactlyTheNumericOpcodes()
    {
        var numeric = OpcodeSignatures.All().Select(s => s.Opcode).ToHashSet();
        Assert.Equal(0xC4 - 0x45 + 1 + 8, numeric.Count);

        var il = new DynamicMethod("probe", typeof(void), Type.EmptyTypes).GetILGenerator();
        for (int op = 0; op <= 0xFF; op++)
        {
            Assert.Equal(numeric.Contains((Opcode)op), NumericEmitter.TryEmit(il, (Opcode)op));
        }

        for (int op = 0xFC00; op <= 0xFC11; op++)
        {
            Assert.Equal(numeric.Contains((Opcode)op), NumericEmitter.TryEmit(il, (Opcode)op));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryOpcodeCompilesToValidCilWithTheSpecResultType(JitMode mode)
    {
        foreach (var (opcode, parameters, result) in OpcodeSignatures.All())
        {
            var method = SingleOpcode.Compile(mode, opcode, result, parameters);
            object[] args = [.. parameters.Select(One)];
            object value = SingleOpcode.Invoke(method, args); // InvalidProgramException if the stack is unbalanced
            Assert.IsType(result, value);
        }

        static object One(Type type) =>
            type == typeof(int) ? 1 : type == typeof(long) ? 1L : type == typeof(float) ? 1f : (object)1d;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void IntegerDivisionTrapsWithTheRightCode(JitMode mode)
    {
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<int>(mode, Opcode.I32DivS, 1, 0));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<int>(mode, Opcode.I32DivU, 1, 0));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<int>(mode, Opcode.I32RemS, 1, 0));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<int>(mode, Opcode.I32RemU, 1, 0));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<long>(mode, Opcode.I64DivS, 1L, 0L));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<long>(mode, Opcode.I64DivU, 1L, 0L));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<long>(mode, Opcode.I64RemS, 1L, 0L));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<long>(mode, Opcode.I64RemU, 1L, 0L));
        AssertTrap(TrapCode.IntegerDivideByZero, () => SingleOpcode.Run<int>(mode, Opcode.I32DivS, int.MinValue, 0));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<int>(mode, Opcode.I32DivS, int.MinValue, -1));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<long>(mode, Opcode.I64DivS, long.MinValue, -1L));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void IntegerDivisionEdgeResults(JitMode mode)
    {
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.I32RemS, int.MinValue, -1));
        Assert.Equal(0L, SingleOpcode.Run<long>(mode, Opcode.I64RemS, long.MinValue, -1L));
        Assert.Equal(-int.MaxValue, SingleOpcode.Run<int>(mode, Opcode.I32DivS, int.MaxValue, -1));
        Assert.Equal(-7, SingleOpcode.Run<int>(mode, Opcode.I32DivS, 7, -1));
        Assert.Equal(-1, SingleOpcode.Run<int>(mode, Opcode.I32RemS, -7, 2));
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.I32DivU, 7, -1));
        Assert.Equal(7, SingleOpcode.Run<int>(mode, Opcode.I32RemU, 7, -1));
        Assert.Equal(1, SingleOpcode.Run<int>(mode, Opcode.I32DivU, int.MinValue, int.MinValue));
        Assert.Equal(2L, SingleOpcode.Run<long>(mode, Opcode.I64DivU, -1L, long.MaxValue));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ShiftCountsAreMasked(JitMode mode)
    {
        Assert.Equal(2, SingleOpcode.Run<int>(mode, Opcode.I32Shl, 1, 33));
        Assert.Equal(-1, SingleOpcode.Run<int>(mode, Opcode.I32ShrS, int.MinValue, -1));
        Assert.Equal(1, SingleOpcode.Run<int>(mode, Opcode.I32ShrU, int.MinValue, 63));
        Assert.Equal(2L, SingleOpcode.Run<long>(mode, Opcode.I64Shl, 1L, 65L));
        Assert.Equal(1L, SingleOpcode.Run<long>(mode, Opcode.I64ShrU, long.MinValue, 0x1_0000_003FL));
        Assert.Equal(1L, SingleOpcode.Run<long>(mode, Opcode.I64Rotl, long.MinValue, 0x1_0000_0001L));
        Assert.Equal(1, SingleOpcode.Run<int>(mode, Opcode.I32Rotr, 2, 33));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void TruncationTrapsAtExactBoundaries(JitMode mode)
    {
        Assert.Equal(int.MinValue, SingleOpcode.Run<int>(mode, Opcode.I32TruncF32S, -2147483648f));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<int>(mode, Opcode.I32TruncF32S, 2147483648f));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<int>(mode, Opcode.I32TruncF32S, -2147483904f));
        Assert.Equal(int.MinValue, SingleOpcode.Run<int>(mode, Opcode.I32TruncF64S, -2147483648.9));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<int>(mode, Opcode.I32TruncF64S, -2147483649.0));
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.I32TruncF64U, -0.9999));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<int>(mode, Opcode.I32TruncF64U, -1.0));
        Assert.Equal(-1, SingleOpcode.Run<int>(mode, Opcode.I32TruncF64U, 4294967295.9));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<int>(mode, Opcode.I32TruncF64U, 4294967296.0));
        Assert.Equal(unchecked((long)0xFFFF_FFFF_FFFF_F800), SingleOpcode.Run<long>(mode, Opcode.I64TruncF64U, 18446744073709549568.0));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<long>(mode, Opcode.I64TruncF64U, 18446744073709551616.0));
        Assert.Equal(long.MinValue, SingleOpcode.Run<long>(mode, Opcode.I64TruncF32S, -9223372036854775808f));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<long>(mode, Opcode.I64TruncF32S, 9223372036854775808f));
        AssertTrap(TrapCode.InvalidConversionToInteger, () => SingleOpcode.Run<int>(mode, Opcode.I32TruncF32U, float.NaN));
        AssertTrap(TrapCode.InvalidConversionToInteger, () => SingleOpcode.Run<long>(mode, Opcode.I64TruncF64S, -double.NaN));
        AssertTrap(TrapCode.IntegerOverflow, () => SingleOpcode.Run<long>(mode, Opcode.I64TruncF64S, double.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void SaturatingTruncationClampsAndMapsNaNToZero(JitMode mode)
    {
        Assert.Equal(int.MaxValue, SingleOpcode.Run<int>(mode, Opcode.I32TruncSatF32S, 3e9f));
        Assert.Equal(int.MinValue, SingleOpcode.Run<int>(mode, Opcode.I32TruncSatF64S, double.NegativeInfinity));
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.I32TruncSatF32S, float.NaN));
        Assert.Equal(-1, SingleOpcode.Run<int>(mode, Opcode.I32TruncSatF64U, 1e10));
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.I32TruncSatF64U, -5.0));
        Assert.Equal(long.MaxValue, SingleOpcode.Run<long>(mode, Opcode.I64TruncSatF64S, 1e19));
        Assert.Equal(-1L, SingleOpcode.Run<long>(mode, Opcode.I64TruncSatF32U, float.PositiveInfinity));
        Assert.Equal(0L, SingleOpcode.Run<long>(mode, Opcode.I64TruncSatF64U, -double.NaN));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void IntToFloatConversionsRoundOnce(JitMode mode)
    {
        // u64 -> f32: 2^63 + 2^39 + 1 lies just above the midpoint between two floats; going through
        // double first rounds it onto the midpoint and then to even (down), which is wrong.
        long justAboveMidpoint = unchecked((long)0x8000_0080_0000_0001);
        Assert.Equal(0x5F00_0001, BitConverter.SingleToInt32Bits(SingleOpcode.Run<float>(mode, Opcode.F32ConvertI64U, justAboveMidpoint)));
        Assert.Equal(0x5F80_0000, BitConverter.SingleToInt32Bits(SingleOpcode.Run<float>(mode, Opcode.F32ConvertI64U, -1L)));

        // i64 -> f32 with the same trap for the signed path.
        Assert.Equal(0x5A00_0001, BitConverter.SingleToInt32Bits(SingleOpcode.Run<float>(mode, Opcode.F32ConvertI64S, 0x0020_0000_2000_0001L)));

        // u64 -> f64 near 2^64: 0xFFFFFFFFFFFFFBFF rounds down, 0xFFFFFFFFFFFFFC00 is a tie that rounds to even (up to 2^64).
        Assert.Equal(0x43EF_FFFF_FFFF_FFFFL, BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64ConvertI64U, unchecked((long)0xFFFF_FFFF_FFFF_FBFF))));
        Assert.Equal(0x43F0_0000_0000_0000L, BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64ConvertI64U, unchecked((long)0xFFFF_FFFF_FFFF_FC00))));
        Assert.Equal(0x43E0_0000_0000_0001L, BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64ConvertI64U, unchecked((long)0x8000_0000_0000_0401))));

        Assert.Equal(4294967295d, SingleOpcode.Run<double>(mode, Opcode.F64ConvertI32U, -1));
        Assert.Equal(4294967296f, SingleOpcode.Run<float>(mode, Opcode.F32ConvertI32U, -1));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void SignOperationsKeepSignallingNaNPayloads(JitMode mode)
    {
        float signalling = Runtime.WasmMath.F32FromBits(0x7FA0_0001);
        Assert.Equal(unchecked((int)0xFFA0_0001), Bits(SingleOpcode.Run<float>(mode, Opcode.F32Neg, signalling)));
        Assert.Equal(0x7FA0_0001, Bits(SingleOpcode.Run<float>(mode, Opcode.F32Abs, Runtime.WasmMath.F32FromBits(unchecked((int)0xFFA0_0001)))));
        Assert.Equal(unchecked((int)0xFFA0_0001), Bits(SingleOpcode.Run<float>(mode, Opcode.F32Copysign, signalling, -0f)));
        Assert.Equal(0x7FA0_0001, SingleOpcode.Run<int>(mode, Opcode.I32ReinterpretF32, signalling));
        Assert.Equal(0x7FA0_0001, Bits(SingleOpcode.Run<float>(mode, Opcode.F32ReinterpretI32, 0x7FA0_0001)));

        double signallingDouble = Runtime.WasmMath.F64FromBits(0x7FF4_0000_0000_0001);
        Assert.Equal(unchecked((long)0xFFF4_0000_0000_0001), BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64Neg, signallingDouble)));
        Assert.Equal(0x7FF4_0000_0000_0001L, SingleOpcode.Run<long>(mode, Opcode.I64ReinterpretF64, signallingDouble));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ArithmeticOnSignallingNaNYieldsQuietNaN(JitMode mode)
    {
        float signalling = Runtime.WasmMath.F32FromBits(0x7FA0_0000);
        Assert.True(IsQuiet(SingleOpcode.Run<float>(mode, Opcode.F32Min, signalling, 1f)));
        Assert.True(IsQuiet(SingleOpcode.Run<float>(mode, Opcode.F32Max, 1f, signalling)));
        Assert.True(IsQuiet(SingleOpcode.Run<float>(mode, Opcode.F32Nearest, signalling)));
        Assert.True(IsQuiet(SingleOpcode.Run<float>(mode, Opcode.F32DemoteF64, (double)Runtime.WasmMath.F64FromBits(0x7FF4_0000_0000_0000))));
        Assert.True(double.IsNaN(SingleOpcode.Run<double>(mode, Opcode.F64PromoteF32, signalling)));
        Assert.Equal(0x0008_0000_0000_0000L, BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64PromoteF32, signalling)) & 0x0008_0000_0000_0000L);

        static bool IsQuiet(float value) => (Bits(value) & 0x7FC0_0000) == 0x7FC0_0000;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void MinMaxOrderSignedZerosAndRoundingKeepsZeroSign(JitMode mode)
    {
        Assert.Equal(unchecked((int)0x8000_0000), Bits(SingleOpcode.Run<float>(mode, Opcode.F32Min, 0f, -0f)));
        Assert.Equal(0, Bits(SingleOpcode.Run<float>(mode, Opcode.F32Max, -0f, 0f)));
        Assert.Equal(unchecked((long)0x8000_0000_0000_0000), BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64Min, 0d, -0d)));
        Assert.Equal(unchecked((long)0x8000_0000_0000_0000), BitConverter.DoubleToInt64Bits(SingleOpcode.Run<double>(mode, Opcode.F64Nearest, -0.5)));
        Assert.Equal(unchecked((int)0x8000_0000), Bits(SingleOpcode.Run<float>(mode, Opcode.F32Ceil, -0.5f)));
        Assert.Equal(2d, SingleOpcode.Run<double>(mode, Opcode.F64Nearest, 2.5));
        Assert.Equal(-4f, SingleOpcode.Run<float>(mode, Opcode.F32Nearest, -3.5f));
        Assert.Equal(1, SingleOpcode.Run<int>(mode, Opcode.F64Ne, double.NaN, double.NaN));
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.F32Le, float.NaN, 1f));
        Assert.Equal(0, SingleOpcode.Run<int>(mode, Opcode.F64Ge, 1d, double.NaN));
    }

    [Fact]
    public void NaNConstantsKeepTheirExactBits()
    {
        foreach (int bits in new[] { 0x7FA0_0000, 0x7F80_0001, unchecked((int)0xFF81_2345), 0x7FC0_0000 })
        {
            var method = new DynamicMethod("c", typeof(int), Type.EmptyTypes, typeof(NumericEmitterTests).Module, skipVisibility: true);
            var il = method.GetILGenerator();
            NumericEmitter.EmitF32Const(il, bits);
            NumericEmitter.TryEmit(il, Opcode.I32ReinterpretF32);
            il.Emit(OpCodes.Ret);
            Assert.Equal(bits, (int)method.Invoke(null, null)!);
        }
    }

    // NaN inputs are built with WasmMath.F32FromBits/F64FromBits (not inlinable): the JIT folds
    // BitConverter.Int32BitsToSingle(constant) into a float constant, which quiets a signalling NaN.
    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    private static void AssertTrap(TrapCode code, Func<object> action)
    {
        var trap = Assert.Throws<WasmTrapException>(() => action());
        Assert.Equal(code, trap.Code);
    }
}
