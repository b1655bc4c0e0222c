using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Per-module helper methods that compact mode (see <see cref="FunctionCompiler"/>) calls instead of
/// emitting a memory access or an interrupt check inline.
/// </summary>
/// <remarks>
/// Why: RyuJIT compiles a method without any optimization (MinOpts) when its own IL exceeds fixed
/// limits (60,000 bytes, 20,000 instructions, 2,000 basic blocks, 2,000 locals, 8,000 local
/// references), judged before inlining. An inline bounds-checked access costs ~18 IL instructions,
/// 2 basic blocks (the trap path and the continuation) and 5-7 local references; a call to one of
/// these <see cref="MethodImplOptions.AggressiveInlining"/> helpers costs 3 instructions, no block
/// and one local reference, and the JIT inlines it after that decision. The helper reads the
/// memory's base and size from the <see cref="Memory"/> object (so the caller keeps no size local
/// to refresh after calls): two extra loads per access, which is why only functions that would
/// otherwise exceed a limit are compiled this way.
/// </remarks>
internal sealed class CompactHelpers
{
    private readonly TypeBuilder _type;
    private readonly ExternalMembers _externals;
    private readonly Dictionary<Opcode, MethodBuilder> _accessors = [];
    private MethodBuilder? _interruptCheck;

    public CompactHelpers(TypeBuilder type, ExternalMembers externals)
    {
        _type = type;
        _externals = externals;
    }

    /// <summary>
    /// Emits a load or store <paramref name="opcode"/>: the stack holds the address (and the value
    /// for a store); <paramref name="memory"/> holds the instance's <see cref="Memory"/>.
    /// </summary>
    public void EmitAccess(ILGenerator il, Opcode opcode, LocalBuilder memory, ulong offset)
    {
        il.Emit(OpCodes.Ldloc, memory);

        // Offsets are u32: passed as the int with the same bits, widened unsigned by the helper.
        CilTypes.EmitLdcI4(il, unchecked((int)(uint)offset));
        il.Emit(OpCodes.Call, Accessor(opcode));
    }

    /// <summary>Emits the interrupt check with the <see cref="InstanceContext"/> on the stack.</summary>
    public void EmitInterruptCheck(ILGenerator il) => il.Emit(OpCodes.Call, InterruptCheck());

    private MethodBuilder InterruptCheck()
    {
        if (_interruptCheck is not null)
        {
            return _interruptCheck;
        }

        var method = Define("<compact>interrupt", typeof(void), [typeof(InstanceContext)]);
        var il = method.GetILGenerator();
        var ok = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        _externals.EmitLoadField(il, RuntimeMembers.ContextInterruptRequested, isVolatile: true);
        il.Emit(OpCodes.Brfalse_S, ok);
        _externals.EmitCall(il, RuntimeMembers.CreateInterrupted);
        il.Emit(OpCodes.Throw);
        il.MarkLabel(ok);
        il.Emit(OpCodes.Ret);
        _interruptCheck = method;
        return method;
    }

    private MethodBuilder Accessor(Opcode opcode)
    {
        if (_accessors.TryGetValue(opcode, out var existing))
        {
            return existing;
        }

        var access = MemoryAccess.Of(opcode);
        var isStore = access.ValueType is not null;
        var method = isStore
            ? Define($"<compact>{opcode}", typeof(void), [typeof(int), access.ValueType!, typeof(Memory), typeof(int)])
            : Define($"<compact>{opcode}", access.ResultType!, [typeof(int), typeof(Memory), typeof(int)]);
        var memoryArgument = isStore ? 2 : 1;
        var offsetArgument = memoryArgument + 1;
        var il = method.GetILGenerator();

        // checked(memory.ByteLength - ((ulong)(uint)addr + (ulong)(uint)offset + width)): an
        // unsigned checked subtraction throws OverflowException exactly when the access ends past
        // the memory. Not a branch to a throw: the JIT expands the check late, with one shared
        // throw block per method, so thousands of inlined accesses add no blocks to optimize (with
        // a branch + throw per access the JIT took 4-6x longer on the largest functions). The
        // boundary turns the exception into the wasm trap (TrapTrace.TryTranslate).
        CilTypes.EmitLdarg(il, memoryArgument);
        _externals.EmitLoadField(il, RuntimeMembers.MemoryByteLength);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Conv_U8);
        CilTypes.EmitLdarg(il, offsetArgument);
        il.Emit(OpCodes.Conv_U8);
        il.Emit(OpCodes.Add);
        CilTypes.EmitLdcI4(il, access.Width);
        il.Emit(OpCodes.Conv_I8);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Sub_Ovf_Un);
        il.Emit(OpCodes.Pop);

        // base + (nuint)(uint)addr + (nuint)(uint)offset
        CilTypes.EmitLdarg(il, memoryArgument);
        _externals.EmitLoadField(il, RuntimeMembers.MemoryBaseAddress);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Add);
        CilTypes.EmitLdarg(il, offsetArgument);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Add);
        if (isStore)
        {
            il.Emit(OpCodes.Ldarg_1);
            if (access.Convert is { } narrow)
            {
                il.Emit(narrow);
            }
        }

        if (access.Width > 1)
        {
            il.Emit(OpCodes.Unaligned, (byte)1);
        }

        il.Emit(access.Instruction);
        if (!isStore && access.Convert is { } widen)
        {
            il.Emit(widen);
        }

        il.Emit(OpCodes.Ret);
        _accessors.Add(opcode, method);
        return method;
    }

    private MethodBuilder Define(string name, Type returnType, Type[] parameters)
    {
        var method = _type.DefineMethod(name, MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig, returnType, parameters);
        // AggressiveOptimization: where a helper is not inlined (a tier-0 or MinOpts caller), the
        // call at least reaches optimized code with the field stubs inlined, not three tier-0 calls.
        method.SetImplementationFlags(MethodImplAttributes.AggressiveInlining | MethodImplAttributes.AggressiveOptimization);
        return method;
    }
}
