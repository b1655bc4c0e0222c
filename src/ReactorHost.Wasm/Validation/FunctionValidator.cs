using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Validation;

/// <summary>
/// Validates one function body instruction by instruction, keeping the operand-type stack and the
/// control stack (the algorithm of the specification's validation appendix). The compiler drives
/// the same class while emitting code, so it can ask for operand types (e.g. for an untyped
/// <c>select</c>), stack heights (for branches that leave extra values behind) and reachability
/// (it emits nothing for unreachable code).
/// </summary>
/// <remarks>
/// Usage: <see cref="Begin"/>, then <see cref="Step"/> for each decoded instruction up to and
/// including the final <c>end</c>. All queries describe the state <em>before</em> the next
/// <see cref="Step"/>. One instance is reusable across the functions of its module; it does not
/// allocate per instruction. Not thread-safe.
/// </remarks>
internal sealed class FunctionValidator
{
    private static readonly ImmutableArray<ValueKind> NoTypes = [];
    private static readonly ImmutableArray<ValueKind> I32 = [ValueKind.Int32];
    private static readonly ImmutableArray<ValueKind> I64 = [ValueKind.Int64];
    private static readonly ImmutableArray<ValueKind> F32 = [ValueKind.Float32];
    private static readonly ImmutableArray<ValueKind> F64 = [ValueKind.Float64];
    private static readonly ImmutableArray<ValueKind> V128 = [ValueKind.V128];
    private static readonly ImmutableArray<ValueKind> FuncRef = [ValueKind.FuncRef];
    private static readonly ImmutableArray<ValueKind> ExternRef = [ValueKind.ExternRef];

    private readonly bool[] _declaredFunctionReferences;
    private ValueKind[] _operands = new ValueKind[64];
    private int _operandCount;
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _frameCount;
    private ValueKind[] _locals = new ValueKind[16];
    private int _localCount;
    private ValueKind[] _scratch = new ValueKind[16];
    private FunctionType? _functionType;
    private bool _finished;

    /// <summary>Creates a validator for functions of <paramref name="module"/> (a module whose sections passed <see cref="ModuleValidator"/>'s checks).</summary>
    public FunctionValidator(ModuleDefinition module)
    {
        Module = module;
        _declaredFunctionReferences = ComputeDeclaredFunctionReferences(module);
    }

    /// <summary>The module being validated.</summary>
    public ModuleDefinition Module { get; }

    /// <summary>The function index given to the last <see cref="Begin"/>.</summary>
    public int FunctionIndex { get; private set; } = -1;

    /// <summary>The type of the current function.</summary>
    public FunctionType FunctionType => _functionType ?? throw new InvalidOperationException("Begin was not called.");

    /// <summary>Number of locals of the current function, parameters included.</summary>
    public int LocalCount => _localCount;

    /// <summary>Type of local <paramref name="index"/> (parameters first).</summary>
    public ValueKind GetLocalType(int index) => _locals[index];

    /// <summary>Starts a new function (index in the function index space; must be a defined function).</summary>
    /// <exception cref="WasmNotSupportedException">A local of type v128.</exception>
    public void Begin(int functionIndex)
    {
        var definedIndex = functionIndex - Module.ImportedFunctionCount;
        if ((uint)definedIndex >= (uint)Module.Bodies.Count)
            throw new ArgumentOutOfRangeException(nameof(functionIndex), "Not a defined function with a body.");
        var type = Module.GetFunctionType(functionIndex);
        var body = Module.Bodies[definedIndex];

        FunctionIndex = functionIndex;
        _functionType = type;
        _finished = false;
        _operandCount = 0;
        _frameCount = 0;

        _localCount = type.Parameters.Length + body.Locals.Length;
        if (_locals.Length < _localCount)
            _locals = new ValueKind[Math.Max(_localCount, _locals.Length * 2)];
        type.Parameters.CopyTo(_locals);
        body.Locals.CopyTo(_locals, type.Parameters.Length);
        foreach (var local in body.Locals)
        {
            if (local == ValueKind.V128)
                throw new WasmNotSupportedException(body.CodeOffset, "SIMD (v128)");
        }

        PushFrame(ControlKind.Function, NoTypes, type.Results, body.CodeOffset);
    }

    /// <summary>True once the final <c>end</c> of the function body has been validated.</summary>
    public bool IsFinished => _finished;

    /// <summary>Number of known operands on the operand stack (all frames).</summary>
    public int OperandStackHeight => _operandCount;

    /// <summary>True when the current position is unreachable (after br, br_table, return, unreachable; until the frame's end/else).</summary>
    public bool IsUnreachable => _frameCount > 0 && _frames[_frameCount - 1].Unreachable;

    /// <summary>Number of open control frames, the function's own frame included (0 once finished).</summary>
    public int ControlDepth => _frameCount;

    /// <summary>
    /// Type of the operand <paramref name="depth"/> slots below the top (0 = top), before the next
    /// <see cref="Step"/>. <see cref="ValueKind.Unknown"/> for polymorphic slots in unreachable code.
    /// </summary>
    public ValueKind PeekOperand(int depth)
    {
        var index = _operandCount - 1 - depth;
        if (_frameCount > 0)
        {
            ref readonly var frame = ref _frames[_frameCount - 1];
            if (index < frame.Height && frame.Unreachable)
                return ValueKind.Unknown;
        }

        return (uint)index < (uint)_operandCount ? _operands[index] : ValueKind.Unknown;
    }

    /// <summary>What opened the frame <paramref name="depth"/> levels out (0 = innermost; same numbering as branch labels).</summary>
    public ControlKind GetFrameKind(int depth) => Frame(depth).Kind;

    /// <summary>Operand stack height at the start of frame <paramref name="depth"/>, below its parameters.</summary>
    public int GetFrameHeight(int depth) => Frame(depth).Height;

    /// <summary>Parameter types of frame <paramref name="depth"/> (empty for the function frame).</summary>
    public ImmutableArray<ValueKind> GetFrameParameters(int depth) => Frame(depth).Parameters;

    /// <summary>Result types of frame <paramref name="depth"/>.</summary>
    public ImmutableArray<ValueKind> GetFrameResults(int depth) => Frame(depth).Results;

    /// <summary>True when the rest of frame <paramref name="depth"/> is unreachable.</summary>
    public bool IsFrameUnreachable(int depth) => Frame(depth).Unreachable;

    /// <summary>
    /// The types a branch to label <paramref name="depth"/> carries: a loop's parameters, otherwise
    /// the frame's results.
    /// </summary>
    public ImmutableArray<ValueKind> GetLabelTypes(int depth)
    {
        ref readonly var frame = ref Frame(depth);
        return frame.Kind == ControlKind.Loop ? frame.Parameters : frame.Results;
    }

    /// <summary>Parameter types of a block type (valid after module validation).</summary>
    public ImmutableArray<ValueKind> GetBlockParameters(BlockType blockType) =>
        blockType.HasTypeIndex ? Module.Types[blockType.TypeIndex].Parameters : NoTypes;

    /// <summary>Result types of a block type (valid after module validation).</summary>
    public ImmutableArray<ValueKind> GetBlockResults(BlockType blockType) =>
        blockType.HasTypeIndex ? Module.Types[blockType.TypeIndex].Results : Single(blockType.Result);

    /// <summary>True when <paramref name="functionIndex"/> may be used by <c>ref.func</c> in code (C.refs of the spec).</summary>
    public bool IsDeclaredFunctionReference(int functionIndex) =>
        (uint)functionIndex < (uint)_declaredFunctionReferences.Length && _declaredFunctionReferences[functionIndex];

    /// <summary>
    /// Validates <paramref name="instruction"/> and applies its effect. After the function's final
    /// <c>end</c>, <see cref="IsFinished"/> is true.
    /// </summary>
    /// <exception cref="WasmModuleException">The instruction is invalid here.</exception>
    /// <exception cref="WasmNotSupportedException">The instruction uses v128.</exception>
    public void Step(in Instruction instruction)
    {
        if (_finished || _frameCount == 0)
            throw new WasmModuleException(instruction.Offset, "unexpected content after last section", isMalformed: true);

        var op = instruction.Opcode;
        var raw = (int)op;
        if (raw is >= 0x45 and <= 0xC4 || raw is >= 0xFC00 and <= 0xFC07)
        {
            StepNumeric(instruction);
            return;
        }

        if (raw is >= 0x28 and <= 0x3E)
        {
            StepMemoryAccess(instruction);
            return;
        }

        switch (op)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;

            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
            {
                var (parameters, results) = ResolveBlockType(instruction);
                if (op == Opcode.If)
                    Pop(ValueKind.Int32, instruction.Offset);
                PopValues(parameters, instruction.Offset);
                var kind = op switch { Opcode.Block => ControlKind.Block, Opcode.Loop => ControlKind.Loop, _ => ControlKind.If };
                PushFrame(kind, parameters, results, instruction.Offset);
                PushValues(parameters);
                break;
            }

            case Opcode.Else:
            {
                ref var frame = ref _frames[_frameCount - 1];
                if (frame.Kind != ControlKind.If)
                    throw new WasmModuleException(instruction.Offset, "else without matching if", isMalformed: true);
                PopValues(frame.Results, instruction.Offset);
                if (_operandCount != frame.Height)
                    ThrowTypeMismatch(instruction.Offset);
                frame.Kind = ControlKind.Else;
                frame.Unreachable = false;
                PushValues(frame.Parameters);
                break;
            }

            case Opcode.End:
            {
                ref readonly var frame = ref _frames[_frameCount - 1];
                PopValues(frame.Results, instruction.Offset);
                if (_operandCount != frame.Height)
                    ThrowTypeMismatch(instruction.Offset);
                if (frame.Kind == ControlKind.If && !frame.Parameters.AsSpan().SequenceEqual(frame.Results.AsSpan()))
                    ThrowTypeMismatch(instruction.Offset); // an if without else passes its parameters through
                var results = frame.Results;
                _frameCount--;
                PushValues(results);
                if (_frameCount == 0)
                    _finished = true;
                break;
            }

            case Opcode.Br:
            {
                var depth = CheckLabel(instruction.Immediate, instruction.Offset);
                PopValues(GetLabelTypes(depth), instruction.Offset);
                SetUnreachable();
                break;
            }

            case Opcode.BrIf:
            {
                var depth = CheckLabel(instruction.Immediate, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                var types = GetLabelTypes(depth);
                PopValues(types, instruction.Offset);
                PushValues(types);
                break;
            }

            case Opcode.BrTable:
                StepBrTable(instruction);
                break;

            case Opcode.Return:
                PopValues(_functionType!.Results, instruction.Offset);
                SetUnreachable();
                break;

            case Opcode.Call:
            {
                if (instruction.Immediate >= (ulong)Module.FunctionCount)
                    ThrowInvalid(instruction.Offset, "unknown function", instruction.Immediate);
                var type = Module.GetFunctionType(instruction.Index);
                PopValues(type.Parameters, instruction.Offset);
                PushValues(type.Results);
                break;
            }

            case Opcode.CallIndirect:
            {
                if (instruction.Immediate2 >= (uint)Module.TableCount)
                    ThrowInvalid(instruction.Offset, "unknown table", instruction.Immediate2);
                if (Module.GetTableType((int)instruction.Immediate2).ElementKind != ValueKind.FuncRef)
                    ThrowTypeMismatch(instruction.Offset);
                if (instruction.Immediate >= (ulong)Module.Types.Count)
                    ThrowInvalid(instruction.Offset, "unknown type", instruction.Immediate);
                var type = Module.Types[instruction.Index];
                Pop(ValueKind.Int32, instruction.Offset);
                PopValues(type.Parameters, instruction.Offset);
                PushValues(type.Results);
                break;
            }

            case Opcode.Drop:
                Pop(instruction.Offset);
                break;

            case Opcode.Select:
            {
                Pop(ValueKind.Int32, instruction.Offset);
                var first = Pop(instruction.Offset);
                var second = Pop(instruction.Offset);
                if (!IsNumericOrUnknown(first) || !IsNumericOrUnknown(second))
                    ThrowTypeMismatch(instruction.Offset);
                if (first != second && first != ValueKind.Unknown && second != ValueKind.Unknown)
                    ThrowTypeMismatch(instruction.Offset);
                Push(first == ValueKind.Unknown ? second : first);
                break;
            }

            case Opcode.SelectTyped:
            {
                if (instruction.Immediate != 1)
                    ThrowInvalid(instruction.Offset, "invalid result arity");
                var type = instruction.ValueKind;
                CheckSupported(type, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                Pop(type, instruction.Offset);
                Pop(type, instruction.Offset);
                Push(type);
                break;
            }

            case Opcode.LocalGet:
                Push(Local(instruction));
                break;
            case Opcode.LocalSet:
                Pop(Local(instruction), instruction.Offset);
                break;
            case Opcode.LocalTee:
            {
                var type = Local(instruction);
                Pop(type, instruction.Offset);
                Push(type);
                break;
            }

            case Opcode.GlobalGet:
                Push(Global(instruction).Kind);
                break;
            case Opcode.GlobalSet:
            {
                var global = Global(instruction);
                if (!global.Mutable)
                    ThrowInvalid(instruction.Offset, "global is immutable");
                Pop(global.Kind, instruction.Offset);
                break;
            }

            case Opcode.TableGet:
            {
                var kind = Table(instruction.Immediate, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                Push(kind);
                break;
            }

            case Opcode.TableSet:
            {
                var kind = Table(instruction.Immediate, instruction.Offset);
                Pop(kind, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                break;
            }

            case Opcode.MemorySize:
                CheckMemory(instruction.Offset);
                Push(ValueKind.Int32);
                break;
            case Opcode.MemoryGrow:
                CheckMemory(instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                Push(ValueKind.Int32);
                break;

            case Opcode.I32Const:
                Push(ValueKind.Int32);
                break;
            case Opcode.I64Const:
                Push(ValueKind.Int64);
                break;
            case Opcode.F32Const:
                Push(ValueKind.Float32);
                break;
            case Opcode.F64Const:
                Push(ValueKind.Float64);
                break;

            case Opcode.RefNull:
                Push(instruction.ValueKind);
                break;
            case Opcode.RefIsNull:
            {
                var type = Pop(instruction.Offset);
                if (type != ValueKind.Unknown && !type.IsReference())
                    ThrowTypeMismatch(instruction.Offset);
                Push(ValueKind.Int32);
                break;
            }

            case Opcode.RefFunc:
                if (instruction.Immediate >= (ulong)Module.FunctionCount)
                    ThrowInvalid(instruction.Offset, "unknown function", instruction.Immediate);
                if (!_declaredFunctionReferences[instruction.Index])
                    ThrowInvalid(instruction.Offset, "undeclared function reference");
                Push(ValueKind.FuncRef);
                break;

            case Opcode.MemoryInit:
                CheckMemory(instruction.Offset);
                CheckDataSegment(instruction);
                PopI32x3(instruction.Offset);
                break;
            case Opcode.DataDrop:
                CheckDataSegment(instruction);
                break;
            case Opcode.MemoryCopy:
            case Opcode.MemoryFill:
                CheckMemory(instruction.Offset);
                PopI32x3(instruction.Offset);
                break;

            case Opcode.TableInit:
            {
                var tableKind = Table(instruction.Immediate2, instruction.Offset);
                var elementKind = ElementSegmentKind(instruction.Immediate, instruction.Offset);
                if (tableKind != elementKind)
                    ThrowTypeMismatch(instruction.Offset);
                PopI32x3(instruction.Offset);
                break;
            }

            case Opcode.ElemDrop:
                _ = ElementSegmentKind(instruction.Immediate, instruction.Offset);
                break;

            case Opcode.TableCopy:
            {
                var destination = Table(instruction.Immediate, instruction.Offset);
                var source = Table(instruction.Immediate2, instruction.Offset);
                if (destination != source)
                    ThrowTypeMismatch(instruction.Offset);
                PopI32x3(instruction.Offset);
                break;
            }

            case Opcode.TableGrow:
            {
                var kind = Table(instruction.Immediate, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                Pop(kind, instruction.Offset);
                Push(ValueKind.Int32);
                break;
            }

            case Opcode.TableSize:
                _ = Table(instruction.Immediate, instruction.Offset);
                Push(ValueKind.Int32);
                break;

            case Opcode.TableFill:
            {
                var kind = Table(instruction.Immediate, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                Pop(kind, instruction.Offset);
                Pop(ValueKind.Int32, instruction.Offset);
                break;
            }

            case Opcode.SimdPrefix:
                throw new WasmNotSupportedException(instruction.Offset, "SIMD (v128)");

            default:
                throw new WasmModuleException(instruction.Offset, "illegal opcode", isMalformed: true);
        }
    }

    // ---- instruction groups -------------------------------------------------------------------

    private void StepNumeric(in Instruction instruction)
    {
        var signature = NumericSignatures.Get(instruction.Opcode);
        if (signature.Input2 != ValueKind.Unknown)
            Pop(signature.Input2, instruction.Offset);
        Pop(signature.Input1, instruction.Offset);
        Push(signature.Output);
    }

    private void StepMemoryAccess(in Instruction instruction)
    {
        CheckMemory(instruction.Offset);
        var access = NumericSignatures.GetMemoryAccess(instruction.Opcode);
        if (instruction.Immediate2 > access.NaturalAlignment)
            ThrowInvalid(instruction.Offset, "alignment must not be larger than natural");
        if (access.IsStore)
        {
            Pop(access.Kind, instruction.Offset);
            Pop(ValueKind.Int32, instruction.Offset);
        }
        else
        {
            Pop(ValueKind.Int32, instruction.Offset);
            Push(access.Kind);
        }
    }

    private void StepBrTable(in Instruction instruction)
    {
        Pop(ValueKind.Int32, instruction.Offset);
        var defaultDepth = CheckLabel(instruction.Immediate, instruction.Offset);
        var arity = GetLabelTypes(defaultDepth).Length;
        foreach (var label in instruction.Labels ?? [])
        {
            var depth = CheckLabel((ulong)(uint)label, instruction.Offset);
            var types = GetLabelTypes(depth);
            if (types.Length != arity)
                ThrowTypeMismatch(instruction.Offset);

            // Pop against this label's types, then restore what was popped (keeping what the
            // polymorphic stack produced), as the spec's algorithm does.
            if (_scratch.Length < types.Length)
                _scratch = new ValueKind[Math.Max(types.Length, _scratch.Length * 2)];
            for (var i = types.Length - 1; i >= 0; i--)
                _scratch[i] = PopActual(types[i], instruction.Offset);
            for (var i = 0; i < types.Length; i++)
                Push(_scratch[i]);
        }

        PopValues(GetLabelTypes(defaultDepth), instruction.Offset);
        SetUnreachable();
    }

    // ---- stacks -------------------------------------------------------------------------------

    private struct ControlFrame
    {
        public ControlKind Kind;
        public bool Unreachable;
        public int Height;
        public int Offset;
        public ImmutableArray<ValueKind> Parameters;
        public ImmutableArray<ValueKind> Results;
    }

    private ref ControlFrame Frame(int depth)
    {
        if ((uint)depth >= (uint)_frameCount)
            throw new ArgumentOutOfRangeException(nameof(depth));
        return ref _frames[_frameCount - 1 - depth];
    }

    private void PushFrame(ControlKind kind, ImmutableArray<ValueKind> parameters, ImmutableArray<ValueKind> results, int offset)
    {
        if (_frameCount == _frames.Length)
            Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_frameCount++] = new ControlFrame
        {
            Kind = kind,
            Unreachable = false,
            Height = _operandCount,
            Offset = offset,
            Parameters = parameters,
            Results = results,
        };
    }

    private void SetUnreachable()
    {
        ref var frame = ref _frames[_frameCount - 1];
        _operandCount = frame.Height;
        frame.Unreachable = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ValueKind kind)
    {
        if (_operandCount == _operands.Length)
            Array.Resize(ref _operands, _operands.Length * 2);
        _operands[_operandCount++] = kind;
    }

    private void PushValues(ImmutableArray<ValueKind> kinds)
    {
        foreach (var kind in kinds)
            Push(kind);
    }

    private ValueKind Pop(int offset)
    {
        ref readonly var frame = ref _frames[_frameCount - 1];
        if (_operandCount == frame.Height)
        {
            if (frame.Unreachable)
                return ValueKind.Unknown;
            ThrowTypeMismatch(offset);
        }

        return _operands[--_operandCount];
    }

    /// <summary>Pops an operand that must be <paramref name="expected"/>; returns what was actually there (Unknown when polymorphic).</summary>
    private ValueKind PopActual(ValueKind expected, int offset)
    {
        var actual = Pop(offset);
        if (actual != expected && actual != ValueKind.Unknown && expected != ValueKind.Unknown)
            ThrowTypeMismatch(offset);
        return actual;
    }

    private void Pop(ValueKind expected, int offset) => _ = PopActual(expected, offset);

    private void PopValues(ImmutableArray<ValueKind> kinds, int offset)
    {
        for (var i = kinds.Length - 1; i >= 0; i--)
            Pop(kinds[i], offset);
    }

    private void PopI32x3(int offset)
    {
        Pop(ValueKind.Int32, offset);
        Pop(ValueKind.Int32, offset);
        Pop(ValueKind.Int32, offset);
    }

    // ---- immediates ---------------------------------------------------------------------------

    private (ImmutableArray<ValueKind> Parameters, ImmutableArray<ValueKind> Results) ResolveBlockType(in Instruction instruction)
    {
        var blockType = instruction.BlockType;
        if (blockType.HasTypeIndex)
        {
            if (blockType.TypeIndex >= Module.Types.Count)
                ThrowInvalid(instruction.Offset, "unknown type", (ulong)blockType.TypeIndex);
            var type = Module.Types[blockType.TypeIndex];
            return (type.Parameters, type.Results);
        }

        CheckSupported(blockType.Result, instruction.Offset);
        return (NoTypes, Single(blockType.Result));
    }

    private static ImmutableArray<ValueKind> Single(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => I32,
        ValueKind.Int64 => I64,
        ValueKind.Float32 => F32,
        ValueKind.Float64 => F64,
        ValueKind.V128 => V128,
        ValueKind.FuncRef => FuncRef,
        ValueKind.ExternRef => ExternRef,
        _ => NoTypes,
    };

    private int CheckLabel(ulong label, int offset)
    {
        if (label >= (ulong)_frameCount)
            ThrowInvalid(offset, "unknown label", label);
        return (int)label;
    }

    private ValueKind Local(in Instruction instruction)
    {
        if (instruction.Immediate >= (ulong)_localCount)
            ThrowInvalid(instruction.Offset, "unknown local", instruction.Immediate);
        return _locals[instruction.Index];
    }

    private GlobalType Global(in Instruction instruction)
    {
        if (instruction.Immediate >= (ulong)Module.GlobalCount)
            ThrowInvalid(instruction.Offset, "unknown global", instruction.Immediate);
        return Module.GetGlobalType(instruction.Index);
    }

    private ValueKind Table(ulong index, int offset)
    {
        if (index >= (ulong)Module.TableCount)
            ThrowInvalid(offset, "unknown table", index);
        return Module.GetTableType((int)index).ElementKind;
    }

    private ValueKind ElementSegmentKind(ulong index, int offset)
    {
        if (index >= (ulong)Module.Elements.Count)
            ThrowInvalid(offset, "unknown elem segment", index);
        return Module.Elements[(int)index].ElementKind;
    }

    private void CheckMemory(int offset)
    {
        if (Module.MemoryCount == 0)
            ThrowInvalid(offset, "unknown memory", 0);
    }

    private void CheckDataSegment(in Instruction instruction)
    {
        // The decoder guarantees a data count section precedes code that uses data indexes.
        var count = Module.DataCount ?? Module.Data.Count;
        if (instruction.Immediate >= (ulong)count)
            ThrowInvalid(instruction.Offset, "unknown data segment", instruction.Immediate);
    }

    private static bool IsNumericOrUnknown(ValueKind kind) => kind == ValueKind.Unknown || kind.IsNumeric() || kind == ValueKind.V128;

    private static void CheckSupported(ValueKind kind, int offset)
    {
        if (kind == ValueKind.V128)
            throw new WasmNotSupportedException(offset, "SIMD (v128)");
    }

    private static bool[] ComputeDeclaredFunctionReferences(ModuleDefinition module)
    {
        // C.refs: every function index referenced outside function bodies (element segments,
        // global initializers, exports); ref.func in code may only name those.
        var declared = new bool[module.FunctionCount];
        foreach (var segment in module.Elements)
        {
            foreach (var item in segment.Items)
                Mark(declared, item);
        }

        foreach (var global in module.Globals)
            Mark(declared, global.Initializer);

        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function && (uint)export.Index < (uint)declared.Length)
                declared[export.Index] = true;
        }

        return declared;

        static void Mark(bool[] declared, ConstantExpression expression)
        {
            foreach (var instruction in expression.Instructions)
            {
                if (instruction.Opcode == Opcode.RefFunc && instruction.Immediate < (ulong)declared.Length)
                    declared[instruction.Index] = true;
            }
        }
    }

    // ---- errors -------------------------------------------------------------------------------

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTypeMismatch(int offset) => throw new WasmModuleException(offset, "type mismatch", isMalformed: false);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid(int offset, string reason) => throw new WasmModuleException(offset, reason, isMalformed: false);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid(int offset, string reason, ulong index) =>
        throw new WasmModuleException(offset, reason + " " + index.ToString(CultureInfo.InvariantCulture), isMalformed: false);
}
