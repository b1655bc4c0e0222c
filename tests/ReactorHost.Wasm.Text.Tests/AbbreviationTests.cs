namespace ReactorHost.Wasm.Text.Tests;

/// <summary>Each abbreviation of the text format must encode exactly like its expansion.</summary>
public class AbbreviationTests
{
    private static void AssertSame(string abbreviated, string expanded) =>
        Assert.Equal(Convert.ToHexString(Wat.ToBinary(expanded)), Convert.ToHexString(Wat.ToBinary(abbreviated)));

    [Fact]
    public void InlineExports() => AssertSame(
        "(func $f (export \"a\") (export \"b\")) (memory (export \"m\") 1) (global (export \"g\") i32 (i32.const 0))",
        "(func $f) (memory 1) (global i32 (i32.const 0)) (export \"a\" (func $f)) (export \"b\" (func 0)) (export \"m\" (memory 0)) (export \"g\" (global 0))");

    [Fact]
    public void InlineImports() => AssertSame(
        "(func $f (import \"m\" \"f\") (param i32)) (table (import \"m\" \"t\") 1 funcref) (memory (import \"m\" \"mem\") 1 2) (global $g (import \"m\" \"g\") (mut i64))",
        "(import \"m\" \"f\" (func $f (param i32))) (import \"m\" \"t\" (table 1 funcref)) (import \"m\" \"mem\" (memory 1 2)) (import \"m\" \"g\" (global $g (mut i64)))");

    [Fact]
    public void InlineTypeReusesAnExistingTypeEvenIfDefinedLater() => AssertSame(
        "(func (param i32)) (type (func)) (type (func (param i32)))",
        "(type (func)) (type (func (param i32))) (func (type 1))");

    [Fact]
    public void InlineTypeWithoutMatchIsAppendedAfterExplicitTypes() => AssertSame(
        "(func (param i64) (result i32) (i32.const 0)) (type (func))",
        "(type (func)) (type (func (param i64) (result i32))) (func (type 1) (i32.const 0))");

    [Fact]
    public void TypeUseWithMatchingInlineSignatureNamesParameters() => AssertSame(
        "(type $t (func (param i32))) (func (type $t) (param $x i32) (drop (local.get $x)))",
        "(type (func (param i32))) (func (type 0) (drop (local.get 0)))");

    [Fact]
    public void NamedParametersAndLocals() => AssertSame(
        "(func (param $a i32) (param f32) (local $b i64) (local f64 f64) (drop (local.get $a)) (drop (local.get $b)))",
        "(func (param i32 f32) (local i64 f64 f64) (drop (local.get 0)) (drop (local.get 2)))");

    [Fact]
    public void FoldedAndFlatInstructions() => AssertSame(
        "(func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))",
        "(func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.mul i32.add)");

    [Fact]
    public void FoldedIfWithConditionAndBranches() => AssertSame(
        "(func (param i32) (result i32) (if $l (result i32) (local.get 0) (then (i32.const 1)) (else (br $l (i32.const 2)))))",
        "(func (param i32) (result i32) local.get 0 if $l (result i32) i32.const 1 else i32.const 2 br 0 end $l)");

    [Fact]
    public void LabelsResolveToDepthsWithShadowing() => AssertSame(
        "(func (block $a (block $b (block $a (br $a) (br $b)) (br $a))))",
        "(func (block (block (block (br 0) (br 1)) (br 1))))");

    [Fact]
    public void MultiValueBlockTypeGetsATypeEntry() => AssertSame(
        "(func (block (result i32 i32) (i32.const 1) (i32.const 2)) drop drop)",
        "(type (func)) (type (func (result i32 i32))) (func (type 0) (block (type 1) (i32.const 1) (i32.const 2)) drop drop)");

    [Fact]
    public void CallIndirectInlineType() => AssertSame(
        "(table 1 funcref) (func (call_indirect (param i32) (i32.const 0) (i32.const 0)))",
        "(type (func)) (type (func (param i32))) (table 1 funcref) (func (type 0) (call_indirect 0 (type 1) (i32.const 0) (i32.const 0)))");

    [Fact]
    public void TableWithInlineElements() => AssertSame(
        "(table $t funcref (elem $f $g)) (func $f) (func $g)",
        "(table $t 2 2 funcref) (elem (table $t) (i32.const 0) func $f $g) (func $f) (func $g)");

    [Fact]
    public void MemoryWithInlineData() => AssertSame(
        "(memory (data \"ab\" \"c\"))",
        "(memory 1 1) (data (i32.const 0) \"abc\")");

    [Fact]
    public void ElementSegmentForms() => AssertSame(
        "(table 1 funcref) (func $f) (elem (i32.const 1) $f) (elem func $f) (elem declare func $f) (elem funcref (ref.func $f) (ref.null func))",
        "(table 1 funcref) (func $f) (elem (table 0) (offset (i32.const 1)) func $f) (elem func 0) (elem declare funcref (item ref.func 0)) (elem funcref (item (ref.func 0)) (item ref.null func))");

    [Fact]
    public void DataSegmentForms() => AssertSame(
        "(memory $m 1) (data (memory $m) (offset (i32.const 0)) \"x\") (data $d \"y\")",
        "(memory 1) (data (i32.const 0) \"x\") (data \"y\")");

    [Fact]
    public void MvpSegmentIndicesWithoutKeywords() => Assert.Equal(
        "0061736D0100000001040160000003020100040401700001050301000109" + "07010041000B01000A040102000B0B07010041000B0161",
        Convert.ToHexString(Wat.ToBinary("(module (memory 1) (table 1 funcref) (func $f) (elem 0 (i32.const 0) $f) (data 0 (i32.const 0) \"a\"))")));

    [Fact]
    public void DefaultAlignmentAndZeroOffset() => AssertSame(
        "(memory 1) (func (drop (i64.load offset=0 align=8 (i32.const 0))))",
        "(memory 1) (func (drop (i64.load (i32.const 0))))");

    [Fact]
    public void ModuleWrapperAndName() => AssertSame("(module $m (func))", "(func)");

    [Fact]
    public void QuotedModule() => AssertSame("(module quote \"(func\" \" (nop))\")", "(func (nop))");

    [Fact]
    public void BinaryModuleIsReturnedVerbatim() =>
        Assert.Equal(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0xFF }, Wat.ToBinary("(module $m binary \"\\00asm\" \"\\01\\00\\00\\00\" \"\\ff\")"));

    [Fact]
    public void EncodesAKnownModuleExactly()
    {
        byte[] expected =
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, // type section: () -> i32
            0x03, 0x02, 0x01, 0x00, // function section
            0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f"
            0x0A, 0x07, 0x01, 0x05, 0x00, 0x41, 0xC0, 0x00, 0x0B, // code: i32.const 64
        ];
        Assert.Equal(expected, Wat.ToBinary("(module (func (export \"f\") (result i32) (i32.const 64)))"));
    }

    [Fact]
    public void NameSectionOnlyWhenAsked()
    {
        const string text = "(module $m (func $f (param $x i32)))";
        byte[] plain = Wat.ToBinary(text);
        byte[] named = Wat.ToBinary(text, new WatOptions { EmitNameSection = true });
        Assert.Equal(plain, named.AsSpan(0, plain.Length).ToArray());
        string tail = System.Text.Encoding.ASCII.GetString(named, plain.Length, named.Length - plain.Length);
        Assert.Contains("name", tail);
        Assert.Contains("m", tail);
        Assert.Contains("f", tail);
        Assert.Contains("x", tail);
    }

    [Fact]
    public void StringEscapes()
    {
        byte[] binary = Wat.ToBinary("(memory 1) (data (i32.const 0) \"\\t\\n\\r\\\"\\'\\\\\\41\\u{1F600}é\")");
        byte[] data = [0x09, 0x0A, 0x0D, 0x22, 0x27, 0x5C, 0x41, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9];
        Assert.EndsWith(Convert.ToHexString(data), Convert.ToHexString(binary));
    }

    [Fact]
    public void InvalidButWellFormedModulesStillParse()
    {
        // Unknown indices and type errors are validation errors, not syntax errors.
        Wat.ToBinary("(func (call 7) (drop (local.get 9)) (i32.add))");
        Wat.ToBinary("(memory 1) (func (drop (i32.load align=16 (i32.const 0))))");
        Wat.ToBinary("(func (type 3))");
    }
}
