using System.Numerics;
using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// WebAssembly numeric instructions whose exact semantics differ from the plain CIL opcode.
/// Compiled code calls these (see <see cref="Compilation.NumericEmitter"/>); the fast paths are
/// small and aggressively inlined, the traps go through <see cref="TrapHelpers"/>.
/// </summary>
/// <remarks>
/// Names follow the wasm mnemonics so that the emitter can look them up by name. Every method
/// is non-overloaded on purpose.
/// </remarks>
internal static class WasmMath
{
    private const int F32SignMask = unchecked((int)0x8000_0000);
    private const long F64SignMask = unchecked((long)0x8000_0000_0000_0000);

    // ---------------------------------------------------------------- i32 bit counting / rotates

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Clz(int value) => BitOperations.LeadingZeroCount((uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Ctz(int value) => BitOperations.TrailingZeroCount(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Popcnt(int value) => BitOperations.PopCount((uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Rotl(int value, int count) => (int)BitOperations.RotateLeft((uint)value, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Rotr(int value, int count) => (int)BitOperations.RotateRight((uint)value, count);

    // ---------------------------------------------------------------- i64 bit counting / rotates

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Clz(long value) => BitOperations.LeadingZeroCount((ulong)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Ctz(long value) => BitOperations.TrailingZeroCount(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Popcnt(long value) => BitOperations.PopCount((ulong)value);

    // The count is an i64 in wasm; only its low 6 bits matter, and the C# shifts inside
    // RotateLeft/RotateRight mask the int count the same way.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Rotl(long value, long count) => (long)BitOperations.RotateLeft((ulong)value, (int)count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Rotr(long value, long count) => (long)BitOperations.RotateRight((ulong)value, (int)count);

    // ---------------------------------------------------------------- division
    // (uint)(divisor + 1) <= 1 is true exactly for divisor 0 and -1: one compare on the fast path.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivS(int dividend, int divisor)
    {
        if ((uint)(divisor + 1) <= 1u)
        {
            CheckSignedDivisor(dividend, divisor);
        }

        return dividend / divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivU(int dividend, int divisor)
    {
        if (divisor == 0)
        {
            TrapHelpers.ThrowIntegerDivideByZero();
        }

        return (int)((uint)dividend / (uint)divisor);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemS(int dividend, int divisor)
    {
        if ((uint)(divisor + 1) <= 1u)
        {
            // x % -1 is 0 for every x (CIL rem would fault on int.MinValue % -1).
            if (divisor == 0)
            {
                TrapHelpers.ThrowIntegerDivideByZero();
            }

            return 0;
        }

        return dividend % divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemU(int dividend, int divisor)
    {
        if (divisor == 0)
        {
            TrapHelpers.ThrowIntegerDivideByZero();
        }

        return (int)((uint)dividend % (uint)divisor);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivS(long dividend, long divisor)
    {
        if ((ulong)(divisor + 1) <= 1ul)
        {
            CheckSignedDivisor(dividend, divisor);
        }

        return dividend / divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivU(long dividend, long divisor)
    {
        if (divisor == 0)
        {
            TrapHelpers.ThrowIntegerDivideByZero();
        }

        return (long)((ulong)dividend / (ulong)divisor);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemS(long dividend, long divisor)
    {
        if ((ulong)(divisor + 1) <= 1ul)
        {
            if (divisor == 0)
            {
                TrapHelpers.ThrowIntegerDivideByZero();
            }

            return 0;
        }

        return dividend % divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemU(long dividend, long divisor)
    {
        if (divisor == 0)
        {
            TrapHelpers.ThrowIntegerDivideByZero();
        }

        return (long)((ulong)dividend % (ulong)divisor);
    }

    /// <summary>Divisor is 0 or -1: trap on 0 and on MinValue / -1, otherwise let the division run.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckSignedDivisor(long dividend, long divisor)
    {
        if (divisor == 0)
        {
            TrapHelpers.ThrowIntegerDivideByZero();
        }

        if (dividend == long.MinValue)
        {
            TrapHelpers.ThrowIntegerOverflow();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckSignedDivisor(int dividend, int divisor)
    {
        if (divisor == 0)
        {
            TrapHelpers.ThrowIntegerDivideByZero();
        }

        if (dividend == int.MinValue)
        {
            TrapHelpers.ThrowIntegerOverflow();
        }
    }

    // ---------------------------------------------------------------- f32 sign operations
    // Pure bit operations: NaN payloads (including signalling ones) pass through untouched.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Abs(float value) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & ~F32SignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Neg(float value) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) ^ F32SignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Copysign(float magnitude, float sign) =>
        BitConverter.Int32BitsToSingle(
            (BitConverter.SingleToInt32Bits(magnitude) & ~F32SignMask) | (BitConverter.SingleToInt32Bits(sign) & F32SignMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Abs(double value) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) & ~F64SignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Neg(double value) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) ^ F64SignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Copysign(double magnitude, double sign) =>
        BitConverter.Int64BitsToDouble(
            (BitConverter.DoubleToInt64Bits(magnitude) & ~F64SignMask) | (BitConverter.DoubleToInt64Bits(sign) & F64SignMask));

    // ---------------------------------------------------------------- rounding / sqrt
    // MathF/Math rounding compiles to roundss/roundsd (SSE4.1) which keeps the sign of zero and
    // quiets NaN inputs, as wasm requires. Round(x) defaults to ties-to-even.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Ceil(float value) => MathF.Ceiling(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Floor(float value) => MathF.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Trunc(float value) => MathF.Truncate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Nearest(float value) => MathF.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Sqrt(float value) => MathF.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Ceil(double value) => Math.Ceiling(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Floor(double value) => Math.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Trunc(double value) => Math.Truncate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Nearest(double value) => Math.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Sqrt(double value) => Math.Sqrt(value);

    // ---------------------------------------------------------------- min / max
    // Not Math.Min: that returns a NaN operand unchanged (a signalling NaN would stay signalling),
    // wasm requires an arithmetic (quiet) NaN. Adding the operands quiets it.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Min(float left, float right)
    {
        if (left < right)
        {
            return left;
        }

        if (right < left)
        {
            return right;
        }

        if (left == right)
        {
            // Equal: identical bits except for ±0, where min is -0 (OR of the sign bits).
            return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(left) | BitConverter.SingleToInt32Bits(right));
        }

        return left + right;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Max(float left, float right)
    {
        if (left > right)
        {
            return left;
        }

        if (right > left)
        {
            return right;
        }

        if (left == right)
        {
            return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(left) & BitConverter.SingleToInt32Bits(right));
        }

        return left + right;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Min(double left, double right)
    {
        if (left < right)
        {
            return left;
        }

        if (right < left)
        {
            return right;
        }

        if (left == right)
        {
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(left) | BitConverter.DoubleToInt64Bits(right));
        }

        return left + right;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Max(double left, double right)
    {
        if (left > right)
        {
            return left;
        }

        if (right > left)
        {
            return right;
        }

        if (left == right)
        {
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(left) & BitConverter.DoubleToInt64Bits(right));
        }

        return left + right;
    }

    // ---------------------------------------------------------------- trapping float -> int
    // In-range test first (false for NaN), then the native (non-saturating, so cheapest)
    // conversion, which is exact in range; the bounds are exact: the lower
    // one is the largest float that truncates below MinValue (exclusive) or MinValue itself when
    // it is representable (inclusive), the upper one is 2^N (exclusive).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32S(float value)
    {
        if (value >= -2147483648f && value < 2147483648f)
        {
            return float.ConvertToIntegerNative<int>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32U(float value)
    {
        if (value > -1f && value < 4294967296f)
        {
            return (int)float.ConvertToIntegerNative<uint>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64S(double value)
    {
        if (value > -2147483649d && value < 2147483648d)
        {
            return double.ConvertToIntegerNative<int>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64U(double value)
    {
        if (value > -1d && value < 4294967296d)
        {
            return (int)double.ConvertToIntegerNative<uint>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32S(float value)
    {
        if (value >= -9223372036854775808f && value < 9223372036854775808f)
        {
            return float.ConvertToIntegerNative<long>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32U(float value)
    {
        if (value > -1f && value < 18446744073709551616f)
        {
            return (long)float.ConvertToIntegerNative<ulong>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64S(double value)
    {
        if (value >= -9223372036854775808d && value < 9223372036854775808d)
        {
            return double.ConvertToIntegerNative<long>(value);
        }

        return ThrowTruncation(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64U(double value)
    {
        if (value > -1d && value < 18446744073709551616d)
        {
            return (long)double.ConvertToIntegerNative<ulong>(value);
        }

        return ThrowTruncation(value);
    }

    /// <summary>Traps for an out-of-range or NaN truncation; never returns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ThrowTruncation(double value)
    {
        if (double.IsNaN(value))
        {
            TrapHelpers.ThrowInvalidConversionToInteger();
        }

        TrapHelpers.ThrowIntegerOverflow();
        return 0;
    }

    // ---------------------------------------------------------------- saturating float -> int
    // Explicit saturation instead of relying on the runtime's conversion semantics (which only
    // became saturating on x64 in .NET 9): in range → native conversion, else clamp, NaN → 0.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32S(float value)
    {
        if (value >= -2147483648f && value < 2147483648f)
        {
            return float.ConvertToIntegerNative<int>(value);
        }

        return float.IsNaN(value) ? 0 : value < 0 ? int.MinValue : int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32U(float value)
    {
        if (value > -1f && value < 4294967296f)
        {
            return (int)float.ConvertToIntegerNative<uint>(value);
        }

        return value > 0 ? -1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64S(double value)
    {
        if (value > -2147483649d && value < 2147483648d)
        {
            return double.ConvertToIntegerNative<int>(value);
        }

        return double.IsNaN(value) ? 0 : value < 0 ? int.MinValue : int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64U(double value)
    {
        if (value > -1d && value < 4294967296d)
        {
            return (int)double.ConvertToIntegerNative<uint>(value);
        }

        return value > 0 ? -1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32S(float value)
    {
        if (value >= -9223372036854775808f && value < 9223372036854775808f)
        {
            return float.ConvertToIntegerNative<long>(value);
        }

        return float.IsNaN(value) ? 0 : value < 0 ? long.MinValue : long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32U(float value)
    {
        if (value > -1f && value < 18446744073709551616f)
        {
            return (long)float.ConvertToIntegerNative<ulong>(value);
        }

        return value > 0 ? -1L : 0L;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64S(double value)
    {
        if (value >= -9223372036854775808d && value < 9223372036854775808d)
        {
            return double.ConvertToIntegerNative<long>(value);
        }

        return double.IsNaN(value) ? 0 : value < 0 ? long.MinValue : long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64U(double value)
    {
        if (value > -1d && value < 18446744073709551616d)
        {
            return (long)double.ConvertToIntegerNative<ulong>(value);
        }

        return value > 0 ? -1L : 0L;
    }

    // ---------------------------------------------------------------- float <-> float

    /// <summary>
    /// f32.demote_f64. The conversion alone quiets a NaN, but RyuJIT folds
    /// <c>(float)(double)x</c> back to <c>x</c>, which would let a signalling NaN through
    /// promote+demote unchanged; setting the quiet bit on any NaN result makes it arithmetic either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32DemoteF64(double value)
    {
        float result = (float)value;
        if (float.IsNaN(result))
        {
            return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(result) | 0x0040_0000);
        }

        return result;
    }

    // ---------------------------------------------------------------- NaN constants
    // RyuJIT holds float constants as double (and folds operations on them), which quiets a
    // signalling NaN: NaN constants are therefore produced at run time by these non-inlined
    // helpers, which the JIT cannot see through.

    // RyuJIT's optimizer also rewrites x - 0.0, x * 1.0 and x / 1.0 to x (exact except that a
    // signalling NaN would then not be quieted). Those identity constants are loaded from these
    // mutable fields instead, which the JIT cannot treat as constants (one memory load).
#pragma warning disable CA2211 // Mutable on purpose: a readonly static would be folded again.
    public static float F32PositiveZero;
    public static float F32NegativeZero = -0f;
    public static float F32PositiveOne = 1f;
    public static float F32NegativeOne = -1f;
    public static double F64PositiveZero;
    public static double F64NegativeZero = -0d;
    public static double F64PositiveOne = 1d;
    public static double F64NegativeOne = -1d;
#pragma warning restore CA2211

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double F64FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);

    // ---------------------------------------------------------------- int -> float
    // Signed 64-bit sources convert in one rounding (cvtsi2ss/cvtsi2sd with a 64-bit source).
    // Unsigned 64-bit sources with the top bit set are halved first, keeping the dropped bit as a
    // sticky bit so the single final rounding still sees it, then doubled (exact).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI32U(int value) => (float)(long)(uint)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64S(long value) => (float)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64U(long value)
    {
        if (value >= 0)
        {
            return (float)value;
        }

        ulong bits = (ulong)value;
        return (float)(long)((bits >> 1) | (bits & 1)) * 2f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI32U(int value) => (double)(uint)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64U(long value)
    {
        if (value >= 0)
        {
            return (double)value;
        }

        ulong bits = (ulong)value;
        return (double)(long)((bits >> 1) | (bits & 1)) * 2d;
    }
}
