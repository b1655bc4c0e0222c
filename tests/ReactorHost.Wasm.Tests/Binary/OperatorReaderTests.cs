using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Tests.Binary;

public class OperatorReaderTests
{
    private static Instruction ReadOne(params byte[] code)
    {
        var reader = new OperatorReader(code, 0x40);
        var instruction = reader.Read();
        Assert.False(reader.HasMore);
        return instruction;
    }

    [Fact]
    public void ConstantsCarryTheirValues()
    {
        Assert.Equal(unchecked((ulong)-1L), ReadOne(0x41, 0x7F).Immediate);
        Assert.Equal(unchecked((ulong)long.MinValue), ReadOne(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).Immediate);
        Assert.Equal(0x3F800000UL, ReadOne(0x43, 0x00, 0x00, 0x80, 0x3F).Immediate);
        Assert.Equal(0x3FF0000000000000UL, ReadOne(0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F).Immediate);
    }

    [Fact]
    public void MemargIsOffsetAndAlignmentExponent()
    {
        var load = ReadOne(0x28, 0x02, 0x90, 0x03);
        Assert.Equal(Opcode.I32Load, load.Opcode);
        Assert.Equal(400UL, load.Immediate);
        Assert.Equal(2u, load.Immediate2);
        Assert.Equal(0x40, load.Offset);
    }

    [Fact]
    public void BlockTypes()
    {
        Assert.Equal(BlockType.Empty, ReadOne(0x02, 0x40).BlockType);
        Assert.Equal(BlockType.FromResult(ValueKind.Float64), ReadOne(0x03, 0x7C).BlockType);
        Assert.Equal(BlockType.FromResult(ValueKind.ExternRef), ReadOne(0x04, 0x6F).BlockType);
        Assert.Equal(BlockType.FromTypeIndex(3), ReadOne(0x02, 0x03).BlockType);
        Assert.Equal(BlockType.FromTypeIndex(200), ReadOne(0x02, 0xC8, 0x01).BlockType);
        Assert.Equal(BlockType.FromTypeIndex(0), ReadOne(0x02, 0x80, 0x80, 0x80, 0x80, 0x00).BlockType);
        Assert.True(Assert.ThrowsAny<WasmModuleException>(() => ReadOne(0x02, 0x60)).IsMalformed);
    }

    [Fact]
    public void BranchTableAndCalls()
    {
        var table = ReadOne(0x0E, 0x02, 0x00, 0x81, 0x00, 0x03);
        Assert.Equal([0, 1], table.Labels!);
        Assert.Equal(3UL, table.Immediate);

        var indirect = ReadOne(0x11, 0x05, 0x82, 0x80, 0x80, 0x80, 0x00);
        Assert.Equal(5UL, indirect.Immediate);
        Assert.Equal(2u, indirect.Immediate2);
    }

    [Fact]
    public void ReferenceAndSelectImmediates()
    {
        Assert.Equal(ValueKind.ExternRef, ReadOne(0xD0, 0x6F).ValueKind);
        Assert.Equal("malformed reference type", Assert.ThrowsAny<WasmModuleException>(() => ReadOne(0xD0, 0x7F)).Reason);
        var select = ReadOne(0x1C, 0x01, 0x7E);
        Assert.Equal(Opcode.SelectTyped, select.Opcode);
        Assert.Equal(ValueKind.Int64, select.ValueKind);
        Assert.Equal(1UL, select.Immediate);
        Assert.Equal(2UL, ReadOne(0x1C, 0x02, 0x7F, 0x7F).Immediate); // arity is checked by the validator
    }

    [Fact]
    public void PrefixedInstructions()
    {
        Assert.Equal(Opcode.I64TruncSatF64U, ReadOne(0xFC, 0x07).Opcode);
        Assert.Equal(Opcode.I32TruncSatF32S, ReadOne(0xFC, 0x80, 0x00).Opcode); // padded sub-opcode
        var init = ReadOne(0xFC, 0x0C, 0x04, 0x01);
        Assert.Equal(Opcode.TableInit, init.Opcode);
        Assert.Equal(4UL, init.Immediate);
        Assert.Equal(1u, init.Immediate2);
        Assert.Equal(3UL, ReadOne(0xFC, 0x08, 0x03, 0x00).Immediate);
        Assert.Equal(Opcode.MemoryCopy, ReadOne(0xFC, 0x0A, 0x00, 0x00).Opcode);
        Assert.Equal("zero byte expected", Assert.ThrowsAny<WasmModuleException>(() => ReadOne(0xFC, 0x0A, 0x00, 0x01)).Reason);
        Assert.Equal(Opcode.TableSize, ReadOne(0xFC, 0x10, 0x00).Opcode);
    }

    [Fact]
    public void TruncatedImmediateIsMalformed()
    {
        var error = Assert.ThrowsAny<WasmModuleException>(() => ReadOne(0x44, 0x00, 0x00));
        Assert.True(error.IsMalformed);
        Assert.Equal("unexpected end of section or function", error.Reason);
    }
}
