using System.Reflection;
using System.Reflection.Emit;
using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Runtime;
using ReactorHost.Wasm.Validation;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Translates one wasm function body to CIL, driving a <see cref="FunctionValidator"/> in lock step
/// for operand types and stack heights.
/// </summary>
/// <remarks>
/// <para>Mapping:</para>
/// <list type="bullet">
/// <item>The wasm operand stack is the CIL evaluation stack; wasm parameters are CIL arguments,
///   declared locals are CIL locals (zero-initialised by InitLocals). The context argument
///   (<see cref="InstanceContext"/>) comes last.</item>
/// <item>Calls use the uniform calling convention (see <see cref="Function"/>): direct CIL
///   <c>call</c> for functions of the module, <c>calli</c> through the instance's import table or a
///   table element for imports and <c>call_indirect</c>.</item>
/// <item>Labels: a branch leaves exactly the label's values above the target frame's base. When
///   extra operands lie between them, the values are spilled to temporaries, the extras popped and
///   the values reloaded (CIL requires consistent stack shapes at merge points).</item>
/// <item>Reachability is tracked here (it is stricter than the validator's: a block whose end is
///   reached by no branch and no fall-through makes the following code dead too); dead code is
///   stepped through the validator but not emitted, so every emitted label has a known stack shape.</item>
/// <item>Memory: base pointer and byte size are hoisted into locals at entry; the size is re-read
///   after every call and memory.grow. Each access does one 64-bit bounds check
///   (<c>(ulong)addr + offset + width &lt;= size</c>) and an unaligned load/store.</item>
/// <item>Entry checks: stack limit (see <see cref="StackGuard"/>; skipped in leaf functions) and the
///   interrupt flag; loop heads check the interrupt flag too.</item>
/// </list>
/// </remarks>
internal sealed class FunctionCompiler
{
    private readonly ModuleDefinition _module;
    private readonly MethodInfo[] _methods;
    private readonly ExternalMembers _externals;
    private readonly CompactHelpers _compactHelpers;
    private readonly bool _forceCompact;
    private readonly bool _allowCompact;
    private readonly FunctionValidator _validator;
    private readonly bool _hasMemory;
    private readonly int[] _typeIds;
    private readonly List<Frame> _frames = [];
    private readonly Dictionary<Type, Stack<LocalBuilder>> _freeTemps = [];

    private ILGenerator _il = null!;
    private FunctionType _type = null!;
    private int _parameterCount;
    private int _contextArgument;
    private LocalBuilder[] _locals = [];
    private LocalBuilder? _memoryBase;
    private LocalBuilder? _memorySize;
    private LocalBuilder? _memoryObject;
    private bool _compact;
    private int _spareReferences;
    private int _teeBudget;
    private int _simpleRun;
    private int _simpleOperands;
    private bool _reachable;

    // allowCompact: use compact mode for functions too large for the optimizer, only worth it
    // where the code is fully optimized on its first call (see ModuleCompiler, docs/engine.md).
    public FunctionCompiler(ModuleDefinition module, MethodInfo[] methods, ExternalMembers externals, CompactHelpers compactHelpers, bool allowCompact, bool forceCompact)
    {
        _externals = externals;
        _compactHelpers = compactHelpers;
        _allowCompact = allowCompact;
        _forceCompact = forceCompact;
        _module = module;
        _methods = methods;
        _validator = new FunctionValidator(module);
        _hasMemory = module.MemoryCount > 0;
        _typeIds = new int[module.Types.Count];
        for (var i = 0; i < _typeIds.Length; i++)
        {
            _typeIds[i] = TypeRegistry.GetId(module.Types[i]);
        }
    }

    private enum FrameKind
    {
        Function,
        Block,
        Loop,
        If,
    }

    /// <summary>Functions compiled in compact mode so far (diagnostics and tests).</summary>
    public int CompactCount { get; private set; }

    /// <summary>Emits the body of defined function <paramref name="functionIndex"/> into <paramref name="method"/>.</summary>
    public void Compile(int functionIndex, MethodBuilder method)
    {
        var body = _module.Bodies[functionIndex - _module.ImportedFunctionCount];
        _il = method.GetILGenerator();
        _type = _module.GetFunctionType(functionIndex);
        _parameterCount = _type.Parameters.Length;
        _contextArgument = _parameterCount + Math.Max(_type.Results.Length - 1, 0);
        _freeTemps.Clear();
        _frames.Clear();
        _locals = new LocalBuilder[body.Locals.Length];
        for (var i = 0; i < _locals.Length; i++)
        {
            _locals[i] = _il.DeclareLocal(CilTypes.Of(body.Locals[i]));
        }

        var shape = FunctionShape.Of(body, _parameterCount);
        _compact = _forceCompact || (_allowCompact && shape.PrefersCompact);
        if (_compact)
        {
            CompactCount++;

            // Never tier 0 (only the forced mode gets here with tiered code): compact code there
            // calls a helper per access, and on-stack replacement would compile this huge method
            // with full optimization once per patchpoint reached.
            method.SetImplementationFlags(method.GetMethodImplementationFlags() | MethodImplAttributes.AggressiveOptimization);
            // Local references the IL can still afford: local.tee first (1 reference saves the JIT
            // a temporary), then spilled access operands (see EmitCompactAccess).
            _spareReferences = shape.CompactSpareReferences;
            _teeBudget = Math.Min(shape.Tees, _spareReferences);
            _spareReferences -= _teeBudget;
        }

        _simpleRun = 0;

        // The stack check (a thread-static read, the dearest part of the prologue: it roughly
        // doubles the cost of a tiny recursive call) is only needed where the stack can keep
        // growing, i.e. in functions that call. A leaf function with a modest frame is covered by
        // the safety margin kept below the limit (see StackGuard).
        EmitPrologue(shape.HasCalls || body.Locals.Length > 1000);

        _validator.Begin(functionIndex);
        _frames.Add(new Frame { Kind = FrameKind.Function, Results = [.. _type.Results], Parameters = [] });
        _reachable = true;
        var reader = new OperatorReader(body.Code.Span, body.CodeOffset);
        while (!_validator.IsFinished)
        {
            var instruction = reader.Read();
            EmitInstruction(in instruction);
        }
    }

    private void EmitPrologue(bool stackCheck)
    {
        if (stackCheck)
        {
            // Stack guard: if ((nuint)&probe < ~context.InvertedStackLimit) StackGuard.CheckSlow(sp, context).
            var probe = _il.DeclareLocal(typeof(int));
            var stackOk = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloca, probe);
            _il.Emit(OpCodes.Conv_U);
            EmitLoadContext();
            _externals.EmitLoadField(_il, RuntimeMembers.CallContextInvertedStackLimit);
            _il.Emit(OpCodes.Not);
            _il.Emit(OpCodes.Bge_Un, stackOk);
            _il.Emit(OpCodes.Ldloca, probe);
            _il.Emit(OpCodes.Conv_U);
            EmitLoadContext();
            _externals.EmitCall(_il, RuntimeMembers.StackGuardCheckSlow);
            _il.MarkLabel(stackOk);
        }

        EmitInterruptCheck();

        _memoryBase = null;
        _memorySize = null;
        _memoryObject = null;
        if (_hasMemory && _compact)
        {
            // Compact mode: accessors read base and size from the Memory object (see CompactHelpers).
            _memoryObject = _il.DeclareLocal(typeof(Memory));
            EmitLoadMemory();
            _il.Emit(OpCodes.Stloc, _memoryObject);
        }
        else if (_hasMemory)
        {
            _memoryBase = _il.DeclareLocal(typeof(nint));
            _memorySize = _il.DeclareLocal(typeof(long));
            EmitLoadContext();
            _externals.EmitLoadField(_il, RuntimeMembers.ContextMemory);
            _il.Emit(OpCodes.Dup);
            _externals.EmitLoadField(_il, RuntimeMembers.MemoryBaseAddress);
            _il.Emit(OpCodes.Stloc, _memoryBase);
            _externals.EmitLoadField(_il, RuntimeMembers.MemoryByteLength);
            _il.Emit(OpCodes.Stloc, _memorySize);
        }
    }

    private void EmitInterruptCheck()
    {
        if (_compact)
        {
            EmitLoadContext();
            _compactHelpers.EmitInterruptCheck(_il);
            return;
        }

        var ok = _il.DefineLabel();
        EmitLoadContext();
        _externals.EmitLoadField(_il, RuntimeMembers.ContextInterruptRequested, isVolatile: true);
        _il.Emit(OpCodes.Brfalse_S, ok);
        _externals.EmitCall(_il, RuntimeMembers.CreateInterrupted);
        _il.Emit(OpCodes.Throw);
        _il.MarkLabel(ok);
    }

    /// <summary>Re-reads the memory size (after calls and memory.grow; the base never moves).</summary>
    private void EmitRefreshMemorySize()
    {
        if (_memorySize is null)
        {
            return;
        }

        EmitLoadContext();
        _externals.EmitLoadField(_il, RuntimeMembers.ContextMemory);
        _externals.EmitLoadField(_il, RuntimeMembers.MemoryByteLength);
        _il.Emit(OpCodes.Stloc, _memorySize);
    }

    private void EmitLoadContext() => CilTypes.EmitLdarg(_il, _contextArgument);

    private void EmitInstruction(in Instruction instruction)
    {
        var opcode = instruction.Opcode;

        // How many operands on top of the stack were just pushed as a plain local or constant
        // (what compact mode needs to know, see EmitCompactAccess).
        _simpleOperands = _simpleRun;
        _simpleRun = opcode is Opcode.LocalGet or Opcode.I32Const or Opcode.I64Const ? _simpleRun + 1 : 0;
        var height = 0;
        var selectKind = ValueKind.Unknown;
        if (_reachable)
        {
            height = _validator.OperandStackHeight;
            if (opcode == Opcode.Select)
            {
                selectKind = _validator.PeekOperand(1);
            }
        }

        _validator.Step(in instruction);

        switch (opcode)
        {
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
                EnterBlock(in instruction, height);
                return;
            case Opcode.Else:
                EnterElse();
                return;
            case Opcode.End:
                ExitBlock();
                return;
        }

        if (!_reachable)
        {
            return;
        }

        var il = _il;
        switch (opcode)
        {
            case Opcode.Unreachable:
                _externals.EmitCall(il, RuntimeMembers.CreateUnreachable);
                il.Emit(OpCodes.Throw);
                _reachable = false;
                break;
            case Opcode.Nop:
                break;
            case Opcode.Br:
                EmitBranch(FrameAt(instruction.Index), height);
                _reachable = false;
                break;
            case Opcode.BrIf:
                EmitBranchIf(FrameAt(instruction.Index), height - 1);
                break;
            case Opcode.BrTable:
                EmitBranchTable(in instruction, height - 1);
                _reachable = false;
                break;
            case Opcode.Return:
                EmitReturn(height);
                _reachable = false;
                break;
            case Opcode.Call:
                EmitCall(instruction.Index);
                break;
            case Opcode.CallIndirect:
                EmitCallIndirect(instruction.Index, (int)instruction.Immediate2);
                break;
            case Opcode.Drop:
                il.Emit(OpCodes.Pop);
                break;
            case Opcode.Select:
                EmitSelect(selectKind);
                break;
            case Opcode.SelectTyped:
                EmitSelect(instruction.ValueKind);
                break;
            case Opcode.LocalGet:
                EmitLocalGet(instruction.Index);
                break;
            case Opcode.LocalSet:
                EmitLocalSet(instruction.Index);
                break;
            case Opcode.LocalTee when _compact && _teeBudget > 0 && _simpleOperands == 0:
                // The JIT gives every dup of an expression a new temporary (and stops inlining into
                // a method with ~900 locals); a store and a reload use the local itself.
                _teeBudget--;
                EmitLocalSet(instruction.Index);
                EmitLocalGet(instruction.Index);
                break;
            case Opcode.LocalTee:
                il.Emit(OpCodes.Dup);
                EmitLocalSet(instruction.Index);
                break;
            case Opcode.GlobalGet:
                EmitGlobalGet(instruction.Index);
                break;
            case Opcode.GlobalSet:
                EmitGlobalSet(instruction.Index);
                break;
            case Opcode.TableGet:
                EmitLoadTable(instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.TableGet);
                break;
            case Opcode.TableSet:
                EmitLoadTable(instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.TableSet);
                break;
            case >= Opcode.I32Load and <= Opcode.I64Load32U:
                EmitLoad(opcode, instruction.Immediate);
                break;
            case >= Opcode.I32Store and <= Opcode.I64Store32:
                EmitStore(opcode, instruction.Immediate);
                break;
            case Opcode.MemorySize:
                // The byte length: from the Memory object in compact mode, else the cached local.
                if (_compact)
                {
                    il.Emit(OpCodes.Ldloc, _memoryObject!);
                    _externals.EmitLoadField(il, RuntimeMembers.MemoryByteLength);
                }
                else
                {
                    il.Emit(OpCodes.Ldloc, _memorySize!);
                }

                il.Emit(OpCodes.Ldc_I4, 16);
                il.Emit(OpCodes.Shr_Un);
                il.Emit(OpCodes.Conv_I4);
                break;
            case Opcode.MemoryGrow:
                EmitLoadMemory();
                _externals.EmitCall(il, RuntimeMembers.MemoryGrow);
                EmitRefreshMemorySize();
                break;
            case Opcode.I32Const:
                CilTypes.EmitLdcI4(il, (int)instruction.Immediate);
                break;
            case Opcode.I64Const:
                CilTypes.EmitLdcI8(il, (long)instruction.Immediate);
                break;
            case Opcode.F32Const:
                // Exact bits, and ±0/±1 hidden from the JIT's NaN-unsafe folds (x - 0 → x ...).
                NumericEmitter.EmitF32Const(il, _externals, (int)(uint)instruction.Immediate);
                break;
            case Opcode.F64Const:
                NumericEmitter.EmitF64Const(il, _externals, (long)instruction.Immediate);
                break;
            case Opcode.RefNull:
                il.Emit(OpCodes.Ldnull);
                break;
            case Opcode.RefIsNull:
                il.Emit(OpCodes.Ldnull);
                il.Emit(OpCodes.Ceq);
                break;
            case Opcode.RefFunc:
                EmitLoadContext();
                _externals.EmitLoadField(il, RuntimeMembers.ContextFunctions);
                CilTypes.EmitLdcI4(il, instruction.Index);
                il.Emit(OpCodes.Ldelem_Ref);
                break;
            case Opcode.MemoryInit:
                EmitLoadMemory();
                EmitLoadContext();
                CilTypes.EmitLdcI4(il, instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.MemoryInit);
                break;
            case Opcode.DataDrop:
                EmitLoadContext();
                CilTypes.EmitLdcI4(il, instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.DataDrop);
                break;
            case Opcode.MemoryCopy:
                EmitLoadMemory();
                _externals.EmitCall(il, RuntimeMembers.MemoryCopy);
                break;
            case Opcode.MemoryFill:
                EmitLoadMemory();
                _externals.EmitCall(il, RuntimeMembers.MemoryFill);
                break;
            case Opcode.TableInit:
                EmitLoadTable((int)instruction.Immediate2);
                EmitLoadContext();
                _externals.EmitLoadField(il, RuntimeMembers.ContextElementSegments);
                CilTypes.EmitLdcI4(il, instruction.Index);
                il.Emit(OpCodes.Ldelem_Ref);
                _externals.EmitCall(il, RuntimeMembers.TableInit);
                break;
            case Opcode.ElemDrop:
                EmitLoadContext();
                CilTypes.EmitLdcI4(il, instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.ElemDrop);
                break;
            case Opcode.TableCopy:
                EmitLoadTable(instruction.Index);
                EmitLoadTable((int)instruction.Immediate2);
                _externals.EmitCall(il, RuntimeMembers.TableCopy);
                break;
            case Opcode.TableGrow:
                EmitLoadTable(instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.TableGrow);
                break;
            case Opcode.TableSize:
                EmitLoadTable(instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.TableSize);
                break;
            case Opcode.TableFill:
                EmitLoadTable(instruction.Index);
                _externals.EmitCall(il, RuntimeMembers.TableFill);
                break;
            default:
                if (!NumericEmitter.TryEmit(il, opcode, _externals))
                {
                    throw new WasmNotSupportedException(instruction.Offset, $"instruction {opcode}");
                }

                break;
        }
    }

    // ---- control flow -------------------------------------------------------------------------

    private Frame FrameAt(int depth) => _frames[_frames.Count - 1 - depth];

    private (ValueKind[] Parameters, ValueKind[] Results) BlockSignature(BlockType blockType)
    {
        if (blockType.HasTypeIndex)
        {
            var type = _module.Types[blockType.TypeIndex];
            return ([.. type.Parameters], [.. type.Results]);
        }

        return blockType.Result == ValueKind.Unknown ? ([], []) : ([], [blockType.Result]);
    }

    private void EnterBlock(in Instruction instruction, int height)
    {
        var (parameters, results) = BlockSignature(instruction.BlockType);
        var kind = instruction.Opcode switch
        {
            Opcode.Block => FrameKind.Block,
            Opcode.Loop => FrameKind.Loop,
            _ => FrameKind.If,
        };
        var frame = new Frame { Kind = kind, Parameters = parameters, Results = results, Dead = !_reachable };
        _frames.Add(frame);
        if (frame.Dead)
        {
            return;
        }

        frame.Label = _il.DefineLabel();
        switch (kind)
        {
            case FrameKind.Block:
                frame.BaseHeight = height - parameters.Length;
                break;
            case FrameKind.Loop:
                frame.BaseHeight = height - parameters.Length;
                _il.MarkLabel(frame.Label);
                EmitInterruptCheck();
                break;
            default:
                frame.BaseHeight = height - 1 - parameters.Length;
                frame.ElseLabel = _il.DefineLabel();
                _il.Emit(OpCodes.Brfalse, frame.ElseLabel);
                break;
        }
    }

    private void EnterElse()
    {
        var frame = _frames[^1];
        if (frame.Dead)
        {
            return;
        }

        if (_reachable)
        {
            _il.Emit(OpCodes.Br, frame.Label);
            frame.EndReachable = true;
        }

        _il.MarkLabel(frame.ElseLabel);
        frame.HasElse = true;
        _reachable = true;
    }

    private void ExitBlock()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (frame.Kind == FrameKind.Function)
        {
            if (_reachable)
            {
                EmitReturn(frame.Results.Length);
            }

            _reachable = false;
            return;
        }

        if (frame.Dead)
        {
            _reachable = false;
            return;
        }

        switch (frame.Kind)
        {
            case FrameKind.Loop:
                // Branches go to the loop head; only fall-through reaches the end.
                return;
            case FrameKind.If when !frame.HasElse:
                // The implicit else passes the parameters through (validation ensures params == results).
                _il.MarkLabel(frame.ElseLabel);
                frame.EndReachable = true;
                break;
        }

        if (_reachable)
        {
            frame.EndReachable = true;
        }

        _il.MarkLabel(frame.Label);
        _reachable = frame.EndReachable;
    }

    /// <summary>Unconditional branch to <paramref name="target"/> with <paramref name="height"/> operands on the stack.</summary>
    private void EmitBranch(Frame target, int height)
    {
        if (target.Kind == FrameKind.Function)
        {
            EmitReturn(height);
            return;
        }

        var values = target.BranchTypes;
        var extras = height - values.Length - target.BaseHeight;
        if (extras > 0)
        {
            EmitDiscardBelow(values, extras);
        }

        _il.Emit(OpCodes.Br, target.Label);
        if (target.Kind != FrameKind.Loop)
        {
            target.EndReachable = true;
        }
    }

    private void EmitBranchIf(Frame target, int height)
    {
        var extras = height - target.BranchTypes.Length - target.BaseHeight;
        if (target.Kind != FrameKind.Function && extras == 0)
        {
            _il.Emit(OpCodes.Brtrue, target.Label);
            if (target.Kind != FrameKind.Loop)
            {
                target.EndReachable = true;
            }

            return;
        }

        var skip = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, skip);
        EmitBranch(target, height);
        _il.MarkLabel(skip);
    }

    private void EmitBranchTable(in Instruction instruction, int height)
    {
        var labels = instruction.Labels ?? [];
        var defaultDepth = instruction.Index;
        if (labels.Length == 0)
        {
            _il.Emit(OpCodes.Pop);
            EmitBranch(FrameAt(defaultDepth), height);
            return;
        }

        // Targets needing stack fix-ups (or a return) get a trampoline; the others are jumped to directly.
        var entries = new Dictionary<int, Label>();
        var trampolines = new List<(Label Label, int Depth)>();
        Label EntryFor(int depth)
        {
            if (entries.TryGetValue(depth, out var label))
            {
                return label;
            }

            var target = FrameAt(depth);
            if (target.Kind != FrameKind.Function && height - target.BranchTypes.Length - target.BaseHeight == 0)
            {
                label = target.Label;
                if (target.Kind != FrameKind.Loop)
                {
                    target.EndReachable = true;
                }
            }
            else
            {
                label = _il.DefineLabel();
                trampolines.Add((label, depth));
            }

            entries[depth] = label;
            return label;
        }

        var table = new Label[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            table[i] = EntryFor(labels[i]);
        }

        var defaultLabel = EntryFor(defaultDepth);
        _il.Emit(OpCodes.Switch, table);
        _il.Emit(OpCodes.Br, defaultLabel);
        foreach (var (label, depth) in trampolines)
        {
            _il.MarkLabel(label);
            EmitBranch(FrameAt(depth), height);
        }
    }

    /// <summary>Returns from the function with <paramref name="height"/> operands on the stack (results on top).</summary>
    private void EmitReturn(int height)
    {
        var results = _type.Results;
        for (var k = results.Length - 1; k >= 1; k--)
        {
            var temp = AcquireTemp(CilTypes.Of(results[k]));
            _il.Emit(OpCodes.Stloc, temp);
            CilTypes.EmitLdarg(_il, _parameterCount + k - 1);
            _il.Emit(OpCodes.Ldloc, temp);
            CilTypes.EmitStoreIndirect(_il, results[k]);
            ReleaseTemp(temp);
        }

        var extras = height - results.Length;
        if (results.Length > 0 && extras > 0)
        {
            EmitDiscardBelow([results[0]], extras);
        }
        else
        {
            for (var i = 0; i < extras; i++)
            {
                _il.Emit(OpCodes.Pop);
            }
        }

        _il.Emit(OpCodes.Ret);
    }

    /// <summary>Removes <paramref name="extras"/> operands lying below the top values of types <paramref name="values"/>.</summary>
    private void EmitDiscardBelow(ValueKind[] values, int extras)
    {
        var temps = new LocalBuilder[values.Length];
        for (var k = values.Length - 1; k >= 0; k--)
        {
            temps[k] = AcquireTemp(CilTypes.Of(values[k]));
            _il.Emit(OpCodes.Stloc, temps[k]);
        }

        for (var i = 0; i < extras; i++)
        {
            _il.Emit(OpCodes.Pop);
        }

        for (var k = 0; k < values.Length; k++)
        {
            _il.Emit(OpCodes.Ldloc, temps[k]);
            ReleaseTemp(temps[k]);
        }
    }

    private void EmitSelect(ValueKind kind)
    {
        // Stack: v1 v2 cond → cond ? v1 : v2.
        var keepFirst = _il.DefineLabel();
        var end = _il.DefineLabel();
        _il.Emit(OpCodes.Brtrue_S, keepFirst);
        var temp = AcquireTemp(CilTypes.Of(kind == ValueKind.Unknown ? ValueKind.Int32 : kind));
        _il.Emit(OpCodes.Stloc, temp);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, temp);
        ReleaseTemp(temp);
        _il.Emit(OpCodes.Br_S, end);
        _il.MarkLabel(keepFirst);
        _il.Emit(OpCodes.Pop);
        _il.MarkLabel(end);
    }

    // ---- calls --------------------------------------------------------------------------------

    private void EmitCall(int functionIndex)
    {
        var type = _module.GetFunctionType(functionIndex);
        var extraResults = PushExtraResultAddresses(type);
        if (functionIndex < _module.ImportedFunctionCount)
        {
            EmitLoadContext();
            _externals.EmitLoadField(_il, RuntimeMembers.ContextImportContexts);
            CilTypes.EmitLdcI4(_il, functionIndex);
            _il.Emit(OpCodes.Ldelem_Ref);
            EmitPassStackLimit();
            EmitLoadContext();
            _externals.EmitLoadField(_il, RuntimeMembers.ContextImportEntryPoints);
            CilTypes.EmitLdcI4(_il, functionIndex);
            _il.Emit(OpCodes.Ldelem_I);
            _il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, CilTypes.ReturnType(type), CilTypes.ParameterTypes(type, typeof(object)), null);
        }
        else
        {
            EmitLoadContext();
            _il.Emit(OpCodes.Call, _methods[functionIndex - _module.ImportedFunctionCount]);
        }

        LoadExtraResults(extraResults);
        EmitRefreshMemorySize();
    }

    private void EmitCallIndirect(int typeIndex, int tableIndex)
    {
        var type = _module.Types[typeIndex];

        // Stack: args..., index. Resolve the target (bounds, null and signature checks) first.
        EmitLoadTable(tableIndex);
        CilTypes.EmitLdcI4(_il, _typeIds[typeIndex]);
        _externals.EmitCall(_il, RuntimeMembers.ResolveIndirect);
        var function = AcquireTemp(typeof(Function));
        _il.Emit(OpCodes.Stloc, function);
        var extraResults = PushExtraResultAddresses(type);
        _il.Emit(OpCodes.Ldloc, function);
        _externals.EmitLoadField(_il, RuntimeMembers.FunctionContext);
        EmitPassStackLimit();
        _il.Emit(OpCodes.Ldloc, function);
        _externals.EmitLoadField(_il, RuntimeMembers.FunctionEntryPoint);
        ReleaseTemp(function);
        _il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, CilTypes.ReturnType(type), CilTypes.ParameterTypes(type, typeof(object)), null);
        LoadExtraResults(extraResults);
        EmitRefreshMemorySize();
    }

    /// <summary>
    /// With the callee's <see cref="CallContext"/> on the stack (left there), copies this context's
    /// stack limit into it: the callee may belong to another instance whose limit was set on
    /// another thread (see <see cref="CallContext"/>).
    /// </summary>
    private void EmitPassStackLimit()
    {
        _il.Emit(OpCodes.Dup);
        EmitLoadContext();
        _externals.EmitLoadField(_il, RuntimeMembers.CallContextInvertedStackLimit);
        _externals.EmitStoreField(_il, RuntimeMembers.CallContextInvertedStackLimit);
    }

    private LocalBuilder[] PushExtraResultAddresses(FunctionType type)
    {
        if (type.Results.Length <= 1)
        {
            return [];
        }

        var temps = new LocalBuilder[type.Results.Length - 1];
        for (var k = 1; k < type.Results.Length; k++)
        {
            temps[k - 1] = AcquireTemp(CilTypes.Of(type.Results[k]));
            _il.Emit(OpCodes.Ldloca, temps[k - 1]);
        }

        return temps;
    }

    private void LoadExtraResults(LocalBuilder[] temps)
    {
        foreach (var temp in temps)
        {
            _il.Emit(OpCodes.Ldloc, temp);
            ReleaseTemp(temp);
        }
    }

    // ---- variables ----------------------------------------------------------------------------

    private void EmitLocalGet(int index)
    {
        if (index < _parameterCount)
        {
            CilTypes.EmitLdarg(_il, index);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _locals[index - _parameterCount]);
        }
    }

    private void EmitLocalSet(int index)
    {
        if (index < _parameterCount)
        {
            CilTypes.EmitStarg(_il, index);
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _locals[index - _parameterCount]);
        }
    }

    private void EmitLoadGlobal(int index)
    {
        EmitLoadContext();
        _externals.EmitLoadField(_il, RuntimeMembers.ContextGlobals);
        CilTypes.EmitLdcI4(_il, index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void EmitGlobalGet(int index)
    {
        var kind = _module.GetGlobalType(index).Kind;
        EmitLoadGlobal(index);
        if (kind.IsReference())
        {
            _externals.EmitLoadField(_il, RuntimeMembers.GlobalReference);
        }
        else
        {
            _externals.EmitFieldAddress(_il, RuntimeMembers.GlobalBits);
            CilTypes.EmitLoadIndirect(_il, kind);
        }
    }

    private void EmitGlobalSet(int index)
    {
        var kind = _module.GetGlobalType(index).Kind;
        var temp = AcquireTemp(CilTypes.Of(kind));
        _il.Emit(OpCodes.Stloc, temp);
        EmitLoadGlobal(index);
        if (kind.IsReference())
        {
            _il.Emit(OpCodes.Ldloc, temp);
            _externals.EmitStoreField(_il, RuntimeMembers.GlobalReference);
        }
        else
        {
            _externals.EmitFieldAddress(_il, RuntimeMembers.GlobalBits);
            _il.Emit(OpCodes.Ldloc, temp);
            CilTypes.EmitStoreIndirect(_il, kind);
        }

        ReleaseTemp(temp);
    }

    private void EmitLoadTable(int index)
    {
        EmitLoadContext();
        _externals.EmitLoadField(_il, RuntimeMembers.ContextTables);
        CilTypes.EmitLdcI4(_il, index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void EmitLoadMemory()
    {
        EmitLoadContext();
        _externals.EmitLoadField(_il, RuntimeMembers.ContextMemory);
    }

    // ---- memory -------------------------------------------------------------------------------

    /// <summary>
    /// With an i32 address on the stack, checks <c>(ulong)addr + (offset + width) &lt;= size</c> and
    /// leaves the native address <c>base + addr + offset</c>.
    /// </summary>
    /// <remarks>
    /// Shaped for small IL (huge functions hit the JIT's MinOpts limits, see docs/engine.md): the
    /// offset and width are folded into one constant, constants that fit take the 32-bit forms,
    /// the branch over the 6-byte trap path is short, and the offset is added to the native
    /// address last, where the JIT folds it into the addressing mode.
    /// </remarks>
    private void EmitEffectiveAddress(ulong offset, int width)
    {
        var il = _il;
        var address = AcquireTemp(typeof(long));
        il.Emit(OpCodes.Conv_U8);
        il.Emit(OpCodes.Stloc, address);
        var inBounds = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, address);
        CilTypes.EmitLdcI8(il, (long)(offset + (ulong)width));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldloc, _memorySize!);
        il.Emit(OpCodes.Ble_Un_S, inBounds);
        _externals.EmitCall(il, RuntimeMembers.CreateMemoryOutOfBounds);
        il.Emit(OpCodes.Throw);
        il.MarkLabel(inBounds);
        il.Emit(OpCodes.Ldloc, _memoryBase!);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Add);
        if (offset is > 0 and <= int.MaxValue)
        {
            // native int + int32 is valid CIL; the positive int32 widens to the same value.
            CilTypes.EmitLdcI4(il, (int)offset);
            il.Emit(OpCodes.Add);
        }
        else if (offset != 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)offset);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Add);
        }

        ReleaseTemp(address);
    }

    private void EmitLoad(Opcode opcode, ulong offset)
    {
        if (_compact)
        {
            EmitCompactAccess(opcode, offset, isStore: false);
            return;
        }

        var access = MemoryAccess.Of(opcode);
        EmitEffectiveAddress(offset, access.Width);
        if (access.Width > 1)
        {
            _il.Emit(OpCodes.Unaligned, (byte)1);
        }

        _il.Emit(access.Instruction);
        if (access.Convert is { } widen)
        {
            _il.Emit(widen);
        }
    }

    private void EmitStore(Opcode opcode, ulong offset)
    {
        if (_compact)
        {
            EmitCompactAccess(opcode, offset, isStore: true);
            return;
        }

        var access = MemoryAccess.Of(opcode);
        var value = AcquireTemp(access.ValueType!);
        _il.Emit(OpCodes.Stloc, value);
        EmitEffectiveAddress(offset, access.Width);
        _il.Emit(OpCodes.Ldloc, value);
        ReleaseTemp(value);
        if (access.Convert is { } narrow)
        {
            _il.Emit(narrow);
        }

        if (access.Width > 1)
        {
            _il.Emit(OpCodes.Unaligned, (byte)1);
        }

        _il.Emit(access.Instruction);
    }

    /// <summary>
    /// Compact mode: a call to the access helper. The JIT gives each inlined call a temporary per
    /// argument that is neither a local nor a constant, and stops inlining into a method once it
    /// has ~900 locals; so an address (or stored value) computed by an expression is first spilled
    /// to a pooled temporary, as long as the function's local-reference budget allows.
    /// </summary>
    private void EmitCompactAccess(Opcode opcode, ulong offset, bool isStore)
    {
        var operands = isStore ? 2 : 1;
        var cost = 2 * operands;
        if (_simpleOperands < operands && _spareReferences >= cost)
        {
            _spareReferences -= cost;
            var access = MemoryAccess.Of(opcode);
            LocalBuilder? value = null;
            if (isStore)
            {
                value = AcquireTemp(access.ValueType!);
                _il.Emit(OpCodes.Stloc, value);
            }

            var address = AcquireTemp(typeof(int));
            _il.Emit(OpCodes.Stloc, address);
            _il.Emit(OpCodes.Ldloc, address);
            ReleaseTemp(address);
            if (value is not null)
            {
                _il.Emit(OpCodes.Ldloc, value);
                ReleaseTemp(value);
            }
        }

        _compactHelpers.EmitAccess(_il, opcode, _memoryObject!, offset);
    }

    // ---- temporaries --------------------------------------------------------------------------

    private LocalBuilder AcquireTemp(Type type) =>
        _freeTemps.TryGetValue(type, out var free) && free.Count > 0 ? free.Pop() : _il.DeclareLocal(type);

    private void ReleaseTemp(LocalBuilder temp)
    {
        if (!_freeTemps.TryGetValue(temp.LocalType, out var free))
        {
            free = new Stack<LocalBuilder>();
            _freeTemps[temp.LocalType] = free;
        }

        free.Push(temp);
    }

    /// <summary>A control frame: block, loop, if, or the function body itself.</summary>
    private sealed class Frame
    {
        public FrameKind Kind { get; init; }

        public required ValueKind[] Parameters { get; init; }

        public required ValueKind[] Results { get; init; }

        /// <summary>The whole frame lies in dead code: nothing is emitted for it.</summary>
        public bool Dead { get; init; }

        /// <summary>Operand stack height below the frame's parameters.</summary>
        public int BaseHeight { get; set; }

        /// <summary>Branch target: the end for block/if, the head for loop.</summary>
        public Label Label { get; set; }

        /// <summary>Start of the else arm of an if.</summary>
        public Label ElseLabel { get; set; }

        public bool HasElse { get; set; }

        /// <summary>The end is reached by a branch or by fall-through.</summary>
        public bool EndReachable { get; set; }

        /// <summary>The values a branch to this frame carries.</summary>
        public ValueKind[] BranchTypes => Kind == FrameKind.Loop ? Parameters : Results;
    }
}
