namespace ReactorHost.Wasm.Text.Tests;

public class ErrorTests
{
    [Theory]
    [InlineData("(func (i32.const 0x) drop)", "unknown operator", 17)]
    [InlineData("(func (i32.const0))", "unknown operator", 7)]
    [InlineData("(func (i32.const) drop)", "unexpected token", 16)]
    [InlineData("(func (i32.const 4294967296) drop)", "constant out of range", 17)]
    [InlineData("(func (f32.const 1e39) drop)", "constant out of range", 17)]
    [InlineData("(memory 0x1_0000_0000)", "i32 constant out of range", 8)]
    [InlineData("(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))", "i32 constant", 33)]
    [InlineData("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", "alignment", 33)]
    [InlineData("(func (local $x i32) (local $x i32))", "duplicate local", 1)]
    [InlineData("(func $f) (func $f)", "duplicate func", 16)]
    [InlineData("(func block $a end $b)", "mismatching label", 19)]
    [InlineData("(func (br $nope))", "unknown label", 10)]
    [InlineData("(func (drop (local.get $nope)))", "unknown local", 23)]
    [InlineData("(func (call $nope))", "unknown function", 12)]
    [InlineData("(type $t (func)) (func (type $t) (param i32))", "inline function type", 29)]
    [InlineData("(func (type 3) (param i32))", "unknown type", 12)]
    [InlineData("(func) (import \"\" \"\" (func))", "import after function", 8)]
    [InlineData("(func (export \"\\ff\"))", "malformed UTF-8 encoding", 14)]
    [InlineData("(func) (start 0) (start 0)", "multiple start sections", 18)]
    [InlineData("(func (result i32) (param i32) (i32.const 0))", "unexpected token", 20)]
    [InlineData("(func (nop)", "unexpected end of input", 11)]
    [InlineData("(data \"\\q\")", "illegal escape", 7)]
    [InlineData("(data \"\\u{D800}\")", "illegal escape", 7)]
    public void RejectsMalformedText(string text, string reason, int offset)
    {
        var e = Assert.Throws<WasmModuleException>(() => Wat.ToBinary(text));
        Assert.True(e.IsMalformed);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(offset, e.Offset);
    }

    [Theory]
    [InlineData("(func (result v128) (v128.const i32x4 0 0 0 0))")]
    [InlineData("(func (drop (i32x4.splat (i32.const 0))))")]
    public void SimdIsUnsupported(string text) =>
        Assert.Throws<WasmNotSupportedException>(() => Wat.ToBinary(text));

    [Fact]
    public void FromTextReportsMalformedTextBeforeCompiling()
    {
        using var engine = new Engine();
        var e = Assert.Throws<WasmModuleException>(() => Module.FromText(engine, "m", "(func (i32.const 0x))"));
        Assert.Equal("unknown operator", e.Reason);
    }
}
