using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Runner;

public class SpecValuesTests
{
    private readonly SpecValues _values = new();

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("2147483648", int.MinValue)]
    [InlineData("4294967295", -1)]
    [InlineData("-1", -1)]
    public void I32ArgumentsAreUnsignedDecimals(string text, int expected)
    {
        var value = _values.ToArgument(new SpecValue("i32", text));
        Assert.Equal(ValueKind.Int32, value.Kind);
        Assert.Equal(expected, value.AsInt32());
    }

    [Theory]
    [InlineData("18446744073709551615", -1L)]
    [InlineData("9223372036854775808", long.MinValue)]
    [InlineData("42", 42L)]
    public void I64ArgumentsAreUnsignedDecimals(string text, long expected) =>
        Assert.Equal(expected, _values.ToArgument(new SpecValue("i64", text)).AsInt64());

    [Fact]
    public void FloatArgumentsAreBitPatternsKeptExactly()
    {
        var f32 = _values.ToArgument(new SpecValue("f32", "2143289345")); // 0x7fc00001: a NaN with payload
        Assert.Equal(ValueKind.Float32, f32.Kind);
        Assert.Equal(0x7FC0_0001UL, f32.Bits);

        var f64 = _values.ToArgument(new SpecValue("f64", "4607182418800017408")); // 1.0
        Assert.Equal(1.0, f64.AsFloat64());
    }

    [Theory]
    [InlineData("i32", "4294967296")]
    [InlineData("i32", "abc")]
    [InlineData("i64", "18446744073709551616")]
    [InlineData("f32", "1.5")]
    [InlineData("i32", null)]
    [InlineData("x128", "1")]
    public void MalformedValuesThrowFormatException(string type, string? text) =>
        Assert.Throws<FormatException>(() => _values.ToArgument(new SpecValue(type, text)));

    [Fact]
    public void V128AndNonNullFuncrefArgumentsAreSkipped()
    {
        Assert.Throws<CommandSkippedException>(() => _values.ToArgument(new SpecValue("v128", null, ["0", "0", "0", "0"], "i32")));
        Assert.Throws<CommandSkippedException>(() => _values.ToArgument(new SpecValue("funcref", "3")));
    }

    [Theory]
    [InlineData(0x7FC0_0000u, true, true)]
    [InlineData(0xFFC0_0000u, true, true)]   // sign is free
    [InlineData(0x7FC0_0001u, false, true)]  // payload beyond the quiet bit: arithmetic only
    [InlineData(0x7FE0_0000u, false, true)]
    [InlineData(0x7FA0_0000u, false, false)] // signalling NaN
    [InlineData(0x7F80_0000u, false, false)] // infinity
    [InlineData(0x3F80_0000u, false, false)] // 1.0
    public void F32NanClassesAreCheckedByBits(uint bits, bool canonical, bool arithmetic)
    {
        Assert.Equal(canonical, _values.Matches(new SpecValue("f32", "nan:canonical"), WasmValue.FromFloat32Bits(bits)));
        Assert.Equal(arithmetic, _values.Matches(new SpecValue("f32", "nan:arithmetic"), WasmValue.FromFloat32Bits(bits)));
    }

    [Theory]
    [InlineData(0x7FF8_0000_0000_0000ul, true, true)]
    [InlineData(0xFFF8_0000_0000_0000ul, true, true)]
    [InlineData(0x7FF8_0000_0000_0001ul, false, true)]
    [InlineData(0x7FF4_0000_0000_0000ul, false, false)]
    [InlineData(0x7FF0_0000_0000_0000ul, false, false)]
    public void F64NanClassesAreCheckedByBits(ulong bits, bool canonical, bool arithmetic)
    {
        Assert.Equal(canonical, _values.Matches(new SpecValue("f64", "nan:canonical"), WasmValue.FromFloat64Bits(bits)));
        Assert.Equal(arithmetic, _values.Matches(new SpecValue("f64", "nan:arithmetic"), WasmValue.FromFloat64Bits(bits)));
    }

    [Fact]
    public void NumbersMatchByExactBitsAndType()
    {
        Assert.True(_values.Matches(new SpecValue("i32", "4294967295"), WasmValue.FromInt32(-1)));
        Assert.False(_values.Matches(new SpecValue("i32", "4294967295"), WasmValue.FromInt64(uint.MaxValue)));
        Assert.True(_values.Matches(new SpecValue("f32", "2147483648"), WasmValue.FromFloat32(-0.0f)));
        Assert.False(_values.Matches(new SpecValue("f32", "0"), WasmValue.FromFloat32(-0.0f)));  // -0 ≠ +0 bitwise
        Assert.False(_values.Matches(new SpecValue("f64", "9221120237041090561"), WasmValue.FromFloat64Bits(0x7FF8_0000_0000_0000)));
        Assert.True(_values.Matches(new SpecValue("f64", "9221120237041090561"), WasmValue.FromFloat64Bits(0x7FF8_0000_0000_0001)));
    }

    [Fact]
    public void ExternrefsMatchByIdentityOfTheObjectForTheirNumber()
    {
        var one = _values.ToArgument(new SpecValue("externref", "1"));
        Assert.Same(one.Reference, _values.ExternRef(1));
        Assert.True(_values.Matches(new SpecValue("externref", "1"), one));
        Assert.False(_values.Matches(new SpecValue("externref", "2"), one));
        Assert.False(_values.Matches(new SpecValue("externref", "1"), WasmValue.FromExternRef(new SpecExternRef(1))));
        Assert.False(_values.Matches(new SpecValue("externref", "null"), one));
        Assert.True(_values.Matches(new SpecValue("externref", null), one));
        Assert.True(_values.Matches(new SpecValue("externref", "null"), WasmValue.FromExternRef(null)));
        Assert.False(_values.Matches(new SpecValue("externref", "null"), WasmValue.FromFunction(null)));
    }

    [Fact]
    public void FuncrefsMatchNullOrNonNull()
    {
        Assert.True(_values.Matches(new SpecValue("funcref", "null"), WasmValue.FromFunction(null)));
        Assert.False(_values.Matches(new SpecValue("funcref", null), WasmValue.FromFunction(null)));
        Assert.False(_values.Matches(new SpecValue("funcref", "null"), WasmValue.FromExternRef(null)));
    }

    [Fact]
    public void DescriptionsShowSignedIntegersAndFloatBits()
    {
        Assert.Equal("i32:-1", SpecValues.Describe(new SpecValue("i32", "4294967295")));
        Assert.Equal("f32:nan:canonical", SpecValues.Describe(new SpecValue("f32", "nan:canonical")));
        Assert.Equal("f32:1 (0x3f800000)", SpecValues.Describe(WasmValue.FromFloat32(1)));
        Assert.Equal("externref:7", SpecValues.Describe(WasmValue.FromExternRef(new SpecExternRef(7))));
        Assert.Equal("funcref:null", SpecValues.Describe(WasmValue.FromFunction(null)));
    }
}
