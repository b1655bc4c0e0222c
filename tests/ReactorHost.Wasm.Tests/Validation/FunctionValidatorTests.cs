using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Validation;
using static ReactorHost.Wasm.Tests.Binary.TestModules;

namespace ReactorHost.Wasm.Tests.Validation;

/// <summary>The queries the compiler makes while it drives <see cref="FunctionValidator"/>.</summary>
public class FunctionValidatorTests
{
    // type 0: [] -> [i32]; type 1: [i32] -> [i64]
    private static readonly byte[] Types = Section(1, 0x02, 0x60, 0x00, 0x01, 0x7F, 0x60, 0x01, 0x7F, 0x01, 0x7E);

    private static (FunctionValidator Validator, Instruction[] Code) Prepare(byte[] code, byte[]? locals = null)
    {
        byte[] body = [.. locals ?? [0x00], .. code];
        var module = ModuleReader.Read(Module(Types, Section(3, 0x01, 0x00), Section(10, [0x01, (byte)body.Length, .. body])));
        var instructions = new List<Instruction>();
        var reader = new OperatorReader(module.Bodies[0].Code.Span, module.Bodies[0].CodeOffset);
        while (reader.HasMore)
            instructions.Add(reader.Read());
        var validator = new FunctionValidator(module);
        validator.Begin(0);
        return (validator, [.. instructions]);
    }

    [Fact]
    public void TracksStackHeightTypesAndReachability()
    {
        // block (result i32) i32.const 5 br 0 end end
        var (v, code) = Prepare([0x02, 0x7F, 0x41, 0x05, 0x0C, 0x00, 0x0B, 0x0B]);
        Assert.Equal(1, v.ControlDepth);
        Assert.Equal(ControlKind.Function, v.GetFrameKind(0));
        Assert.Equal([ValueKind.Int32], v.GetLabelTypes(0).ToArray());

        v.Step(code[0]); // block
        Assert.Equal(2, v.ControlDepth);
        Assert.Equal(ControlKind.Block, v.GetFrameKind(0));
        Assert.Equal(0, v.GetFrameHeight(0));
        Assert.Equal([ValueKind.Int32], v.GetLabelTypes(0).ToArray());

        v.Step(code[1]); // i32.const
        Assert.Equal(1, v.OperandStackHeight);
        Assert.Equal(ValueKind.Int32, v.PeekOperand(0));
        Assert.False(v.IsUnreachable);

        v.Step(code[2]); // br 0
        Assert.True(v.IsUnreachable);
        Assert.Equal(0, v.OperandStackHeight);
        Assert.Equal(ValueKind.Unknown, v.PeekOperand(0));

        v.Step(code[3]); // end of block
        Assert.False(v.IsUnreachable);
        Assert.Equal(1, v.OperandStackHeight);
        Assert.False(v.IsFinished);

        v.Step(code[4]); // end of function
        Assert.True(v.IsFinished);
        Assert.Equal(0, v.ControlDepth);
    }

    [Fact]
    public void LoopLabelsCarryParameters()
    {
        // i32.const 7 drop i32.const 1 loop (type 1) drop i64.const 0 end drop i32.const 0 end
        var (v, code) = Prepare([0x41, 0x07, 0x1A, 0x41, 0x01, 0x03, 0x01, 0x1A, 0x42, 0x00, 0x0B, 0x1A, 0x41, 0x00, 0x0B]);
        for (var i = 0; i < 4; i++)
            v.Step(code[i]); // up to and including the loop
        Assert.Equal(ControlKind.Loop, v.GetFrameKind(0));
        Assert.Equal(0, v.GetFrameHeight(0)); // below the loop's parameter
        Assert.Equal(1, v.OperandStackHeight);
        Assert.Equal([ValueKind.Int32], v.GetLabelTypes(0).ToArray());
        Assert.Equal([ValueKind.Int64], v.GetFrameResults(0).ToArray());
        Assert.Equal([ValueKind.Int32], v.GetFrameParameters(0).ToArray());
        Assert.Equal([ValueKind.Int32], v.GetBlockParameters(code[3].BlockType).ToArray());
        foreach (var instruction in code.AsSpan(4))
            v.Step(instruction);
        Assert.True(v.IsFinished);
    }

    [Fact]
    public void UntypedSelectOperandTypeIsVisibleBeforeTheStep()
    {
        // f64.const 0 f64.const 1 i32.const 1 select drop i32.const 0 end
        byte[] code = [0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x41, 0x01, 0x1B, 0x1A, 0x41, 0x00, 0x0B];
        var (v, instructions) = Prepare(code);
        for (var i = 0; i < 3; i++)
            v.Step(instructions[i]);
        Assert.Equal(ValueKind.Int32, v.PeekOperand(0));
        Assert.Equal(ValueKind.Float64, v.PeekOperand(1));
        Assert.Equal(ValueKind.Float64, v.PeekOperand(2));
        Assert.Equal(ValueKind.Unknown, v.PeekOperand(3));
        v.Step(instructions[3]);
        Assert.Equal(ValueKind.Float64, v.PeekOperand(0));
    }

    [Fact]
    public void LocalsIncludeParametersAndIsReusableAcrossBegin()
    {
        // locals: 2 x f32
        var (v, code) = Prepare([0x41, 0x00, 0x0B], locals: [0x01, 0x02, 0x7D]);
        Assert.Equal(2, v.LocalCount);
        Assert.Equal(ValueKind.Float32, v.GetLocalType(1));
        foreach (var instruction in code)
            v.Step(instruction);
        Assert.True(v.IsFinished);

        v.Begin(0);
        Assert.False(v.IsFinished);
        Assert.Equal(0, v.OperandStackHeight);
        Assert.Equal(1, v.ControlDepth);
    }

    [Fact]
    public void ErrorsCarryTheInstructionOffset()
    {
        var (v, code) = Prepare([0x42, 0x00, 0x0B]);
        v.Step(code[0]);
        var error = Assert.Throws<WasmModuleException>(() => v.Step(code[1]));
        Assert.Equal("type mismatch", error.Reason);
        Assert.Equal(code[1].Offset, error.Offset);
        Assert.False(error.IsMalformed);
    }
}
