using ReactorHost.Wasm.Text.Parsing;

namespace ReactorHost.Wasm.Text.Tests;

public class NumberLiteralTests
{
    [Theory]
    [InlineData("0", 0u)]
    [InlineData("+42", 42u)]
    [InlineData("-1", 0xFFFF_FFFFu)]
    [InlineData("0xffff_ffff", 0xFFFF_FFFFu)]
    [InlineData("4294967295", 0xFFFF_FFFFu)]
    [InlineData("-2147483648", 0x8000_0000u)]
    [InlineData("-0x8000_0000", 0x8000_0000u)]
    [InlineData("1_000_000", 1_000_000u)]
    public void ParsesI32(string text, uint expected)
    {
        Assert.True(NumberLiterals.TryParseI32(text, out uint value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("4294967296")]
    [InlineData("0x1_0000_0000")]
    [InlineData("-2147483649")]
    [InlineData("-0x80000001")]
    [InlineData("99999999999999999999999")]
    public void RejectsI32OutOfRange(string text) => Assert.False(NumberLiterals.TryParseI32(text, out _));

    [Theory]
    [InlineData("18446744073709551615", 0xFFFF_FFFF_FFFF_FFFFUL)]
    [InlineData("-9223372036854775808", 0x8000_0000_0000_0000UL)]
    [InlineData("-0x1", 0xFFFF_FFFF_FFFF_FFFFUL)]
    public void ParsesI64(string text, ulong expected)
    {
        Assert.True(NumberLiterals.TryParseI64(text, out ulong value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("-9223372036854775809")]
    public void RejectsI64OutOfRange(string text) => Assert.False(NumberLiterals.TryParseI64(text, out _));

    [Theory]
    [InlineData("0", 0x0000_0000u)]
    [InlineData("-0", 0x8000_0000u)]
    [InlineData("1", 0x3F80_0000u)]
    [InlineData("0.1", 0x3DCC_CCCDu)]
    [InlineData("1_000.5", 0x447A_2000u)]
    [InlineData("3.4028235e38", 0x7F7F_FFFFu)]
    [InlineData("340282356779733661637539395458142568447", 0x7F7F_FFFFu)] // just below the overflow midpoint
    [InlineData("1e-45", 0x0000_0001u)]
    [InlineData("0x1p-149", 0x0000_0001u)]
    [InlineData("0x1p-150", 0x0000_0000u)]          // tie to even: zero
    [InlineData("0x1.8p-149", 0x0000_0002u)]        // 1.5 ulp ties to 2
    [InlineData("0x1.fffffep127", 0x7F7F_FFFFu)]
    [InlineData("0x1.000001p0", 0x3F80_0000u)]      // tie, even stays
    [InlineData("0x1.000003p0", 0x3F80_0002u)]      // tie, rounds up to even
    [InlineData("0x1.0000010000000001p0", 0x3F80_0001u)] // just above the tie
    [InlineData("0x.8", 0x3F00_0000u)]
    [InlineData("0x1.fffffffp-127", 0x0080_0000u)]  // subnormal rounding up into the smallest normal
    [InlineData("inf", 0x7F80_0000u)]
    [InlineData("-inf", 0xFF80_0000u)]
    [InlineData("nan", 0x7FC0_0000u)]
    [InlineData("-nan", 0xFFC0_0000u)]
    [InlineData("nan:0x200000", 0x7FA0_0000u)]
    [InlineData("-nan:0x7f_ffff", 0xFFFF_FFFFu)]
    public void ParsesF32(string text, uint expected)
    {
        Assert.True(NumberLiterals.TryParseF32(text, out uint bits));
        Assert.Equal(expected, bits);
    }

    [Theory]
    [InlineData("1e39")]
    [InlineData("0x1p128")]
    [InlineData("0x1.ffffffp127")]
    [InlineData("340282356779733661637539395458142568448")]
    [InlineData("nan:0x0")]
    [InlineData("nan:0x80_0000")]
    public void RejectsF32OutOfRange(string text) => Assert.False(NumberLiterals.TryParseF32(text, out _));

    [Theory]
    [InlineData("0.1", 0x3FB9_9999_9999_999AUL)]
    [InlineData("-1.5", 0xBFF8_0000_0000_0000UL)]
    [InlineData("0x1p-1074", 0x0000_0000_0000_0001UL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFFUL)]
    [InlineData("0x1.00000000000008p0", 0x3FF0_0000_0000_0000UL)]
    [InlineData("0x1.00000000000018p0", 0x3FF0_0000_0000_0002UL)]
    [InlineData("4.9406564584124654e-324", 0x0000_0000_0000_0001UL)]
    [InlineData("nan:0x4_0000_0000_0000", 0x7FF4_0000_0000_0000UL)]
    [InlineData("-nan", 0xFFF8_0000_0000_0000UL)]
    public void ParsesF64(string text, ulong expected)
    {
        Assert.True(NumberLiterals.TryParseF64(text, out ulong bits));
        Assert.Equal(expected, bits);
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("0x1p1024")]
    [InlineData("0x1.fffffffffffff8p1023")]
    [InlineData("nan:0x10_0000_0000_0000")]
    public void RejectsF64OutOfRange(string text) => Assert.False(NumberLiterals.TryParseF64(text, out _));
}
