using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Validation;
using static ReactorHost.Wasm.Tests.Binary.TestModules;

namespace ReactorHost.Wasm.Tests.Validation;

public class ModuleValidatorTests
{
    private static readonly byte[] OneMemory = Section(5, 0x01, 0x00, 0x01);

    private static void Valid(byte[] bytes) => ModuleValidator.Validate(ModuleReader.Read(bytes));

    private static WasmModuleException Invalid(byte[] bytes, string reason)
    {
        var module = ModuleReader.Read(bytes);
        var error = Assert.ThrowsAny<WasmModuleException>(() => ModuleValidator.Validate(module));
        Assert.False(error.IsMalformed, error.Message);
        Assert.IsNotType<WasmNotSupportedException>(error);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void OperandTypeMismatchNamesTheInstructionOffset()
    {
        var bytes = SingleFunction([0x41, 0x00, 0x42, 0x00, 0x6A, 0x1A, 0x0B]);
        var error = Invalid(bytes, "type mismatch");
        Assert.Equal(0x6A, bytes[error.Offset]);
    }

    [Fact]
    public void UnknownIndexes()
    {
        Invalid(SingleFunction([0x20, 0x00, 0x1A, 0x0B]), "unknown local 0");
        Invalid(SingleFunction([0x23, 0x00, 0x1A, 0x0B]), "unknown global 0");
        Invalid(SingleFunction([0x10, 0x05, 0x0B]), "unknown function 5");
        Invalid(SingleFunction([0x0C, 0x01, 0x0B]), "unknown label");
        Invalid(SingleFunction([0x41, 0x00, 0x28, 0x02, 0x00, 0x1A, 0x0B]), "unknown memory");
        Invalid(SingleFunction([0x41, 0x00, 0x25, 0x00, 0x1A, 0x0B]), "unknown table");
        Invalid(SingleFunction([0x02, 0x05, 0x0B, 0x0B]), "unknown type");
        Invalid(SingleFunction([0xFC, 0x0D, 0x00, 0x0B]), "unknown elem segment 0");
        Invalid(SingleFunction([0xFC, 0x09, 0x00, 0x0B]), "unknown data segment 0");
    }

    [Fact]
    public void ImmutableGlobalCannotBeSet()
    {
        var global = Section(6, 0x01, 0x7F, 0x00, 0x41, 0x00, 0x0B);
        Invalid(SingleFunction([0x41, 0x00, 0x24, 0x00, 0x0B], global), "global is immutable");
        var mutableGlobal = Section(6, 0x01, 0x7F, 0x01, 0x41, 0x00, 0x0B);
        Valid(SingleFunction([0x41, 0x00, 0x24, 0x00, 0x0B], mutableGlobal));
    }

    [Fact]
    public void AlignmentMustNotExceedNatural()
    {
        Valid(SingleFunction([0x41, 0x00, 0x29, 0x03, 0x00, 0x1A, 0x0B], OneMemory)); // i64.load align=8
        Invalid(SingleFunction([0x41, 0x00, 0x28, 0x03, 0x00, 0x1A, 0x0B], OneMemory), "alignment must not be larger than natural");
        Invalid(SingleFunction([0x41, 0x00, 0x41, 0x00, 0x3A, 0x01, 0x00, 0x0B], OneMemory), "alignment must not be larger than natural");
    }

    [Fact]
    public void BranchTableTargetsMustAgreeOnArity()
    {
        // block (result i32) i32.const 0 i32.const 0 br_table [0] 1 end drop
        Invalid(SingleFunction([0x02, 0x7F, 0x41, 0x00, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x1A, 0x0B]), "type mismatch");
        // block (result i32) i32.const 0 i32.const 0 br_table [0] 0 end drop
        Valid(SingleFunction([0x02, 0x7F, 0x41, 0x00, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x00, 0x0B, 0x1A, 0x0B]));
    }

    [Fact]
    public void RefFuncNeedsADeclaration()
    {
        Invalid(SingleFunction([0xD2, 0x00, 0x1A, 0x0B]), "undeclared function reference");
        var export = Section(7, 0x01, 0x01, (byte)'f', 0x00, 0x00);
        Valid(SingleFunction([0xD2, 0x00, 0x1A, 0x0B], export));
        var declarative = Section(9, 0x01, 0x03, 0x00, 0x01, 0x00);
        Valid(SingleFunction([0xD2, 0x00, 0x1A, 0x0B], declarative));
    }

    [Fact]
    public void SelectRules()
    {
        // Untyped select needs numeric operands.
        Invalid(SingleFunction([0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1B, 0x1A, 0x0B]), "type mismatch");
        // Typed select works on references.
        Valid(SingleFunction([0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1C, 0x01, 0x70, 0x1A, 0x0B]));
        Invalid(SingleFunction([0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x1C, 0x02, 0x7F, 0x7F, 0x1A, 0x0B]), "invalid result arity");
        Invalid(SingleFunction([0x41, 0x00, 0x42, 0x00, 0x41, 0x01, 0x1B, 0x1A, 0x0B]), "type mismatch");
    }

    [Fact]
    public void UnreachableCodeIsPolymorphic()
    {
        Valid(SingleFunction([0x00, 0x6A, 0x1A, 0x0B]));             // unreachable i32.add drop
        Valid(SingleFunction([0x00, 0x1B, 0x1A, 0x0B]));             // unreachable select drop
        Valid(SingleFunction([0x0F, 0x0E, 0x00, 0x00, 0x0B]));       // return br_table [] 0
        Invalid(SingleFunction([0x00, 0x42, 0x00, 0x6A, 0x1A, 0x0B]), "type mismatch"); // known i64 operand
        Invalid(SingleFunction([0x00, 0x41, 0x00, 0x0B]), "type mismatch"); // leftover value at end
    }

    [Fact]
    public void IfWithoutElseMustNotProduceValues()
    {
        Invalid(SingleFunction([0x41, 0x01, 0x04, 0x7F, 0x41, 0x00, 0x0B, 0x1A, 0x0B]), "type mismatch");
        Valid(SingleFunction([0x41, 0x01, 0x04, 0x7F, 0x41, 0x00, 0x05, 0x41, 0x01, 0x0B, 0x1A, 0x0B]));
    }

    [Fact]
    public void MultiValueBlocksWithParameters()
    {
        // type 0: [] -> [], type 1: [i32 i32] -> [i32]
        var types = Section(1, 0x02, 0x60, 0x00, 0x00, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F);
        byte[] code = [0x41, 0x01, 0x41, 0x02, 0x02, 0x01, 0x6A, 0x0B, 0x1A, 0x0B];
        Valid(Module(types, OneFunctionSection, CodeSection(code)));
        byte[] wrong = [0x41, 0x01, 0x02, 0x01, 0x6A, 0x0B, 0x1A, 0x0B];
        Invalid(Module(types, OneFunctionSection, CodeSection(wrong)), "type mismatch");
    }

    [Fact]
    public void LimitsAndMemories()
    {
        Invalid(Module(Section(5, 0x02, 0x00, 0x01, 0x00, 0x01)), "multiple memories");
        Invalid(Module(Section(5, 0x01, 0x00, 0x81, 0x80, 0x04)), "memory size must be at most 65536 pages (4GiB)");
        Invalid(Module(Section(5, 0x01, 0x01, 0x00, 0x81, 0x80, 0x04)), "memory size must be at most 65536 pages (4GiB)");
        Invalid(Module(Section(5, 0x01, 0x01, 0x02, 0x01)), "size minimum must not be greater than maximum");
        Invalid(Module(Section(4, 0x01, 0x70, 0x01, 0x02, 0x01)), "size minimum must not be greater than maximum");
        Valid(Module(Section(4, 0x02, 0x70, 0x00, 0x01, 0x6F, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        Valid(Module(Section(5, 0x01, 0x01, 0x00, 0x80, 0x80, 0x04)));
    }

    [Fact]
    public void ExportsAndStart()
    {
        Invalid(SingleFunction([0x0B], Section(7, 0x02, 0x01, (byte)'a', 0x00, 0x00, 0x01, (byte)'a', 0x00, 0x00)), "duplicate export name");
        Invalid(SingleFunction([0x0B], Section(7, 0x01, 0x01, (byte)'m', 0x02, 0x00)), "unknown memory 0");
        Valid(SingleFunction([0x0B], Section(8, 0x00)));
        Invalid(SingleFunction([0x0B], Section(8, 0x01)), "unknown function 1");
        var types = Section(1, 0x01, 0x60, 0x01, 0x7F, 0x00);
        Invalid(Module(types, OneFunctionSection, Section(8, 0x00), CodeSection(0x0B)), "start function");
    }

    [Fact]
    public void ConstantExpressions()
    {
        Invalid(Module(Section(6, 0x01, 0x7F, 0x00, 0x41, 0x00, 0x41, 0x00, 0x6A, 0x0B)), "constant expression required");
        Invalid(Module(Section(6, 0x01, 0x7F, 0x00, 0x42, 0x00, 0x0B)), "type mismatch");
        Invalid(Module(Section(6, 0x01, 0x7F, 0x00, 0x0B)), "type mismatch");
        Invalid(Module(Section(6, 0x01, 0x7F, 0x00, 0x41, 0x00, 0x41, 0x00, 0x0B)), "type mismatch");
        // global.get may only read imported globals
        Invalid(Module(Section(6, 0x02, 0x7F, 0x00, 0x41, 0x00, 0x0B, 0x7F, 0x00, 0x23, 0x00, 0x0B)), "unknown global 0");
        var importConst = Section(2, 0x01, 0x00, 0x01, (byte)'g', 0x03, 0x7F, 0x00);
        var importMut = Section(2, 0x01, 0x00, 0x01, (byte)'g', 0x03, 0x7F, 0x01);
        Valid(Module(importConst, Section(6, 0x01, 0x7F, 0x00, 0x23, 0x00, 0x0B)));
        Invalid(Module(importMut, Section(6, 0x01, 0x7F, 0x00, 0x23, 0x00, 0x0B)), "constant expression required");
        Valid(Module(Section(6, 0x01, 0x6F, 0x00, 0xD0, 0x6F, 0x0B)));
        Invalid(Module(Section(6, 0x01, 0x6F, 0x00, 0xD0, 0x70, 0x0B)), "type mismatch");
    }

    [Fact]
    public void Segments()
    {
        // Active element segment without a table.
        Invalid(SingleFunction([0x0B], Section(9, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x00)), "unknown table 0");
        // Externref items in a funcref table.
        var table = Section(4, 0x01, 0x70, 0x00, 0x01);
        Invalid(SingleFunction([0x0B], table, Section(9, 0x01, 0x06, 0x00, 0x41, 0x00, 0x0B, 0x6F, 0x01, 0xD0, 0x6F, 0x0B)), "type mismatch");
        // i64 offset.
        Invalid(SingleFunction([0x0B], table, Section(9, 0x01, 0x00, 0x42, 0x00, 0x0B, 0x01, 0x00)), "type mismatch");
        // Data segment without memory.
        Invalid(Module(Section(11, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x00)), "unknown memory 0");
        Valid(Module(OneMemory, Section(11, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x00)));
        // table.init with mismatching element type.
        var externTable = Section(4, 0x01, 0x6F, 0x00, 0x01);
        var funcElements = Section(9, 0x01, 0x01, 0x00, 0x00);
        Invalid(SingleFunction([0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x00, 0x0B], externTable, funcElements), "type mismatch");
        // call_indirect through an externref table.
        Invalid(SingleFunction([0x41, 0x00, 0x11, 0x00, 0x00, 0x0B], externTable), "type mismatch");
    }

    [Fact]
    public void SimdTypesAreNotSupported()
    {
        Assert.Throws<WasmNotSupportedException>(() => ModuleValidator.Validate(ModuleReader.Read(Module(Section(1, 0x01, 0x60, 0x01, 0x7B, 0x00)))));
        byte[] v128Local = Module(VoidTypeSection, OneFunctionSection, Section(10, 0x01, 0x04, 0x01, 0x01, 0x7B, 0x0B));
        Assert.Throws<WasmNotSupportedException>(() => ModuleValidator.Validate(ModuleReader.Read(v128Local)));
    }

    [Fact]
    public void SampleModuleIsValid() => Valid(Sample);
}
