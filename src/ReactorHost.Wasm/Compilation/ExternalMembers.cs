using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Per-module forwarding stubs for the engine members that compiled code uses (runtime fields,
/// helper methods). Compiled functions call a stub in their own type instead of referencing the
/// member directly.
/// </summary>
/// <remarks>
/// Why: a dynamic module resolves a reference to a member of another assembly to a metadata token
/// on every <c>Emit</c>, with no cache, at ~3.5 µs each (string lookups in the runtime's metadata
/// emitter); one reference per memory access made IL emission ~300 µs per function, seconds for a
/// module with thousands of functions. A call to a method of the same dynamic type costs next to
/// nothing to emit, so each external member is referenced once, from its stub. The stubs are
/// <see cref="MethodImplOptions.AggressiveInlining"/> forwarders, so the JIT inlines them and the
/// machine code is the same as with direct references.
/// </remarks>
internal sealed class ExternalMembers
{
    private readonly TypeBuilder _type;
    private readonly Dictionary<(MemberInfo Member, Access Access), MethodBuilder> _stubs = [];

    public ExternalMembers(TypeBuilder type) => _type = type;

    private enum Access
    {
        Call,
        Load,
        LoadVolatile,
        Store,
        Address,
        LoadStatic,
    }

    /// <summary>Emits a call to static method <paramref name="target"/> (through its stub).</summary>
    public void EmitCall(ILGenerator il, MethodInfo target) => il.Emit(OpCodes.Call, Stub(target, Access.Call));

    /// <summary>Emits <c>ldfld</c> (or <c>volatile. ldfld</c>) of <paramref name="field"/>: object on the stack → value.</summary>
    public void EmitLoadField(ILGenerator il, FieldInfo field, bool isVolatile = false) =>
        il.Emit(OpCodes.Call, Stub(field, isVolatile ? Access.LoadVolatile : Access.Load));

    /// <summary>Emits <c>stfld</c> of <paramref name="field"/>: object, value on the stack.</summary>
    public void EmitStoreField(ILGenerator il, FieldInfo field) => il.Emit(OpCodes.Call, Stub(field, Access.Store));

    /// <summary>Emits <c>ldflda</c> of <paramref name="field"/>: object on the stack → managed pointer.</summary>
    public void EmitFieldAddress(ILGenerator il, FieldInfo field) => il.Emit(OpCodes.Call, Stub(field, Access.Address));

    /// <summary>Emits <c>ldsfld</c> of static <paramref name="field"/>.</summary>
    public void EmitLoadStaticField(ILGenerator il, FieldInfo field) => il.Emit(OpCodes.Call, Stub(field, Access.LoadStatic));

    private MethodBuilder Stub(MemberInfo member, Access access)
    {
        if (_stubs.TryGetValue((member, access), out var existing))
        {
            return existing;
        }

        var (returnType, parameterTypes) = Signature(member, access);
        var stub = _type.DefineMethod(
            $"<ext>{_stubs.Count}_{member.Name}",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig,
            returnType,
            parameterTypes);
        stub.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
        var il = stub.GetILGenerator();
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            CilTypes.EmitLdarg(il, i);
        }

        switch (access)
        {
            case Access.Call:
                il.Emit(OpCodes.Call, (MethodInfo)member);
                break;
            case Access.Load:
                il.Emit(OpCodes.Ldfld, (FieldInfo)member);
                break;
            case Access.LoadVolatile:
                il.Emit(OpCodes.Volatile);
                il.Emit(OpCodes.Ldfld, (FieldInfo)member);
                break;
            case Access.Store:
                il.Emit(OpCodes.Stfld, (FieldInfo)member);
                break;
            case Access.Address:
                il.Emit(OpCodes.Ldflda, (FieldInfo)member);
                break;
            default:
                il.Emit(OpCodes.Ldsfld, (FieldInfo)member);
                break;
        }

        il.Emit(OpCodes.Ret);
        _stubs.Add((member, access), stub);
        return stub;
    }

    private static (Type Return, Type[] Parameters) Signature(MemberInfo member, Access access)
    {
        if (access == Access.Call)
        {
            var method = (MethodInfo)member;
            if (!method.IsStatic)
            {
                throw new InvalidOperationException($"Compiled code only calls static runtime methods; {method.Name} is an instance method.");
            }

            return (method.ReturnType, [.. method.GetParameters().Select(p => p.ParameterType)]);
        }

        var field = (FieldInfo)member;
        return access switch
        {
            Access.Load or Access.LoadVolatile => (field.FieldType, [field.DeclaringType!]),
            Access.Store => (typeof(void), [field.DeclaringType!, field.FieldType]),
            Access.Address => (field.FieldType.MakeByRefType(), [field.DeclaringType!]),
            _ => (field.FieldType, []),
        };
    }
}
