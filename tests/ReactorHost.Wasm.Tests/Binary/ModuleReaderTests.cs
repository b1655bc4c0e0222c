using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Validation;
using static ReactorHost.Wasm.Tests.Binary.TestModules;

namespace ReactorHost.Wasm.Tests.Binary;

public class ModuleReaderTests
{
    private static WasmModuleException Malformed(byte[] bytes, string reason)
    {
        var error = Assert.ThrowsAny<WasmModuleException>(() => ModuleReader.Read(bytes));
        Assert.True(error.IsMalformed, error.Message);
        Assert.Equal(reason, error.Reason);
        return error;
    }

    [Fact]
    public void EmptyModuleDecodes()
    {
        var module = ModuleReader.Read(Header);
        Assert.Empty(module.Types);
        Assert.Equal(0, module.FunctionCount);
        ModuleValidator.Validate(module);
    }

    [Fact]
    public void SampleModuleDecodesEverySection()
    {
        var module = ModuleReader.Read(Sample);

        Assert.Single(module.Types);
        Assert.Equal([ValueKind.Int32], module.Types[0].Parameters.ToArray());
        Assert.Equal(2, module.Imports.Count);
        Assert.Equal(1, module.ImportedFunctionCount);
        Assert.Equal(1, module.ImportedGlobalCount);
        Assert.Equal(0, module.ImportedTableCount);
        Assert.Equal(new GlobalType(ValueKind.Int32, false), module.Imports[1].Global);
        Assert.Equal(2, module.FunctionCount);
        Assert.Equal(new TableType(ValueKind.FuncRef, new Limits(4, null)), Assert.Single(module.Tables));
        Assert.Equal(new Limits(1, 2), Assert.Single(module.Memories).Limits);
        Assert.Equal(2, module.Globals.Count);
        Assert.Equal(new GlobalType(ValueKind.Int64, true), module.Globals[0].Type);
        Assert.Equal(Opcode.RefFunc, Assert.Single(module.Globals[1].Initializer.Instructions).Opcode);
        Assert.Equal(["f", "mem"], module.Exports.Select(e => e.Name));
        Assert.Equal(ExternKind.Memory, module.Exports[1].Kind);

        Assert.Equal([SegmentMode.Active, SegmentMode.Passive, SegmentMode.Declarative], module.Elements.Select(e => e.Mode));
        Assert.Equal(2, module.Elements[0].Items.Count);
        var item = Assert.Single(module.Elements[0].Items[0].Instructions);
        Assert.Equal(Opcode.RefFunc, item.Opcode);
        Assert.Equal(1, item.Index);

        Assert.Equal(2, module.DataCount);
        Assert.Equal([SegmentMode.Active, SegmentMode.Passive], module.Data.Select(d => d.Mode));
        Assert.Equal("hello"u8.ToArray(), module.Data[0].Bytes.ToArray());

        var body = Assert.Single(module.Bodies);
        Assert.Equal([ValueKind.Int64, ValueKind.Float32], body.Locals);
        Assert.Equal(0x0B, body.Code.Span[^1]);
        Assert.Equal(Sample[body.CodeOffset], body.Code.Span[0]);

        ModuleValidator.Validate(module);
    }

    [Fact]
    public void AllEightElementSegmentEncodingsAreNormalised()
    {
        byte[] elements =
        [
            0x08,
            0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,                         // 0: active table 0, func indexes
            0x01, 0x00, 0x01, 0x00,                                     // 1: passive, elemkind, func indexes
            0x02, 0x00, 0x41, 0x01, 0x0B, 0x00, 0x01, 0x00,             // 2: active explicit table, elemkind
            0x03, 0x00, 0x01, 0x00,                                     // 3: declarative, func indexes
            0x04, 0x41, 0x02, 0x0B, 0x01, 0xD2, 0x00, 0x0B,             // 4: active table 0, expressions
            0x05, 0x70, 0x02, 0xD2, 0x00, 0x0B, 0xD0, 0x70, 0x0B,       // 5: passive, expressions
            0x06, 0x00, 0x41, 0x03, 0x0B, 0x70, 0x01, 0xD2, 0x00, 0x0B, // 6: active explicit table, expressions
            0x07, 0x6F, 0x01, 0xD0, 0x6F, 0x0B,                         // 7: declarative externref expressions
        ];
        var bytes = SingleFunction([0x0B], Section(4, 0x01, 0x70, 0x00, 0x04), Section(9, elements));
        var module = ModuleReader.Read(bytes);

        Assert.Equal(8, module.Elements.Count);
        Assert.Equal(
            [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative,
             SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative],
            module.Elements.Select(e => e.Mode));
        Assert.Equal([0L, 1L, 2L, 3L], module.Elements.Where(e => e.Mode == SegmentMode.Active)
            .Select(e => (long)e.OffsetExpression!.Instructions[0].Immediate));
        Assert.All(module.Elements.Take(7), e => Assert.Equal(ValueKind.FuncRef, e.ElementKind));
        Assert.Equal(ValueKind.ExternRef, module.Elements[7].ElementKind);
        Assert.All(module.Elements.Take(5), e => Assert.Equal(Opcode.RefFunc, Assert.Single(e.Items).Instructions.Single().Opcode));
        Assert.Equal([Opcode.RefFunc, Opcode.RefNull], module.Elements[5].Items.Select(i => i.Instructions.Single().Opcode));
        Assert.Equal(ValueKind.FuncRef, module.Elements[5].Items[1].Instructions[0].ValueKind);

        ModuleValidator.Validate(module);
    }

    [Fact]
    public void NameSectionIsDecoded()
    {
        byte[] payload =
        [
            0x04, (byte)'n', (byte)'a', (byte)'m', (byte)'e',
            0x00, 0x04, 0x03, (byte)'m', (byte)'o', (byte)'d',                     // module name
            0x01, 0x05, 0x01, 0x00, 0x02, (byte)'f', (byte)'0',                    // function 0 = "f0"
            0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, (byte)'x',                   // local 0 of function 0 = "x"
            0x07, 0x01, 0x00,                                                       // unknown subsection: skipped
        ];
        var module = ModuleReader.Read(SingleFunction([0x0B]).Concat(Section(0, payload)).ToArray());

        Assert.Equal("mod", module.Names.ModuleName);
        Assert.Equal("f0", module.Names.FunctionNames[0]);
        Assert.Equal("x", module.Names.LocalNames[0][0]);
        Assert.Equal("name", Assert.Single(module.CustomSections).Name);
    }

    [Fact]
    public void MalformedNameSectionIsIgnored()
    {
        byte[] payload = [0x04, (byte)'n', (byte)'a', (byte)'m', (byte)'e', 0x01, 0x09, 0x05, 0x00];
        var module = ModuleReader.Read(Module(Section(0, payload)));
        Assert.Null(module.Names.ModuleName);
        Assert.Empty(module.Names.FunctionNames);
    }

    [Fact]
    public void CustomSectionsMayAppearAnywhere()
    {
        byte[] custom = Section(0, 0x01, (byte)'c', 0xAA);
        var module = ModuleReader.Read(Module(custom, VoidTypeSection, custom, OneFunctionSection, custom, CodeSection(0x0B), custom));
        Assert.Equal(4, module.CustomSections.Count);
        Assert.Equal([0xAA], module.CustomSections[0].Content.ToArray());
    }

    [Fact]
    public void PaddedIndexesAndMultiValueBlockTypesAreAccepted()
    {
        // Type 0: [] -> [], type 1: [] -> [i32 i32]; body: block (type 1, padded s33) i32.const 1 i32.const 2 end drop drop;
        // call 0 encoded with a padded index.
        var types = Section(1, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x02, 0x7F, 0x7F);
        byte[] code = [0x02, 0x81, 0x80, 0x00, 0x41, 0x01, 0x41, 0x02, 0x0B, 0x1A, 0x1A, 0x10, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B];
        var module = ModuleReader.Read(Module(types, OneFunctionSection, CodeSection(code)));
        ModuleValidator.Validate(module);
    }

    [Fact]
    public void HeaderErrors()
    {
        Malformed([], "unexpected end");
        Malformed([0x00, 0x61, 0x73], "unexpected end");
        Malformed([0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00], "magic header not detected");
        Malformed([0x00, 0x61, 0x73, 0x6D, 0x01], "unexpected end");
        var version = Malformed([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], "unknown binary version");
        Assert.Equal(4, version.Offset);
    }

    [Fact]
    public void SectionFramingErrors()
    {
        Assert.Equal(8, Malformed(Module([0x0D, 0x00]), "malformed section id").Offset);
        Malformed(Module(Section(1, 0x00, 0x00)), "section size mismatch");
        Malformed(Module([0x01, 0x05, 0x00]), "length out of bounds");
        Malformed(Module(OneFunctionSection, VoidTypeSection), "unexpected content after last section");
        Malformed(Module(VoidTypeSection, VoidTypeSection), "unexpected content after last section");
        Malformed(Module(Section(1, 0x01, 0x60, 0x00)), "unexpected end of section or function");
    }

    [Fact]
    public void FunctionAndCodeCountsMustAgree()
    {
        Malformed(Module(VoidTypeSection, OneFunctionSection), "function and code section have inconsistent lengths");
        Malformed(Module(VoidTypeSection, Section(10, 0x01, 0x02, 0x00, 0x0B)), "function and code section have inconsistent lengths");
    }

    [Fact]
    public void TooManyLocals()
    {
        // Two groups of 0x10000 i32 locals each.
        byte[] body = [0x02, 0x80, 0x80, 0x04, 0x7F, 0x80, 0x80, 0x04, 0x7F, 0x0B];
        var bytes = Module(VoidTypeSection, OneFunctionSection, Section(10, [0x01, (byte)body.Length, .. body]));
        Malformed(bytes, "too many locals");
    }

    [Fact]
    public void EntryEncodingErrors()
    {
        Malformed(Module(Section(2, 0x01, 0x00, 0x00, 0x04, 0x00)), "malformed import kind");
        Malformed(Module(Section(6, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B)), "malformed mutability");
        Malformed(Module(Section(4, 0x01, 0x7F, 0x00, 0x00)), "malformed reference type");
        Malformed(Module(Section(5, 0x01, 0x02, 0x00)), "integer too large");
        Malformed(Module(Section(5, 0x01, 0x81, 0x00)), "integer representation too long");
        Malformed(Module(Section(1, 0x01, 0x60, 0x01, 0x40, 0x00)), "malformed value type");
        Malformed(Module(Section(7, 0x01, 0x02, 0xC0, 0x80, 0x00, 0x00)), "malformed UTF-8 encoding");
    }

    [Fact]
    public void BodyEncodingErrors()
    {
        Malformed(SingleFunction([0x41, 0x00, 0x1A]), "END opcode expected");
        Malformed(SingleFunction([0x0B, 0x01]), "section size mismatch");
        Assert.StartsWith("illegal opcode", Assert.ThrowsAny<WasmModuleException>(() => ModuleReader.Read(SingleFunction([0x06, 0x0B]))).Reason);
        Assert.StartsWith("illegal opcode", Assert.ThrowsAny<WasmModuleException>(() => ModuleReader.Read(SingleFunction([0xFC, 0x12, 0x0B]))).Reason);
        var memory = Section(5, 0x01, 0x00, 0x01);
        Malformed(SingleFunction([0x3F, 0x01, 0x1A, 0x0B], memory), "zero byte expected");
        Malformed(SingleFunction([0x3F, 0x80, 0x00, 0x1A, 0x0B], memory), "zero byte expected");
        Malformed(SingleFunction([0x05, 0x0B]), "else without matching if");
    }

    [Fact]
    public void SimdIsReportedAsNotSupported()
    {
        // v128.const i32x4 0 0 0 0; drop; end
        byte[] code = [0xFD, 0x0C, .. new byte[16], 0x1A, 0x0B];
        var error = Assert.Throws<WasmNotSupportedException>(() => ModuleReader.Read(SingleFunction(code)));
        Assert.Equal("SIMD (v128)", error.Feature);
        Assert.False(error.IsMalformed);
    }

    [Fact]
    public void DataCountRules()
    {
        var memory = Section(5, 0x01, 0x00, 0x01);
        var passiveData = Section(11, 0x01, 0x01, 0x00);
        // data.drop 0 with a data section but no data count section.
        Malformed(Module(VoidTypeSection, OneFunctionSection, memory, CodeSection(0xFC, 0x09, 0x00, 0x0B), passiveData),
            "data count section required");
        // Declared count disagrees with the data section.
        Malformed(Module(memory, Section(12, 0x02), passiveData), "data count and data section have inconsistent lengths");
        Malformed(Module(memory, Section(12, 0x01)), "data count and data section have inconsistent lengths");
        // With the data count section it decodes and validates.
        var module = ModuleReader.Read(Module(VoidTypeSection, OneFunctionSection, memory, Section(12, 0x01), CodeSection(0xFC, 0x09, 0x00, 0x0B), passiveData));
        ModuleValidator.Validate(module);
    }
}
