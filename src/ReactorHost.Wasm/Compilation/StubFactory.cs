using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm.Compilation;

/// <summary>Calls a function through its entry point with untyped arguments and results.</summary>
internal delegate void UntypedInvoker(nint entryPoint, object context, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results);

/// <summary>
/// Generates and caches the per-signature glue between .NET and the uniform calling convention:
/// <list type="bullet">
/// <item>untyped invokers (host → any function, for <see cref="Function.Invoke(ReadOnlySpan{WasmValue})"/>),
///   as DynamicMethods called through a delegate;</item>
/// <item>host-function stubs (wasm → untyped <see cref="HostCallback"/> or typed delegate), which
///   need a native entry point: DynamicMethods cannot be the target of <c>ldftn</c>, so these are
///   static methods of small types in one shared collectible dynamic assembly.</item>
/// </list>
/// Caches are keyed by signature (or delegate type), so their size is bounded by the number of
/// distinct signatures a process uses.
/// </summary>
internal static class StubFactory
{
    private static readonly ConcurrentDictionary<FunctionType, UntypedInvoker> s_invokers = new();
    private static readonly ConcurrentDictionary<FunctionType, nint> s_untypedHostStubs = new();
    private static readonly ConcurrentDictionary<Type, (FunctionType Type, nint EntryPoint)> s_typedHostStubs = new();
    private static readonly Lock s_emitLock = new();
    private static ModuleBuilder? s_stubModule;
    private static int s_stubCounter;

    private static readonly MethodInfo s_readOnlySpanItem = typeof(ReadOnlySpan<WasmValue>).GetMethod("get_Item")!;
    private static readonly MethodInfo s_spanItem = typeof(Span<WasmValue>).GetMethod("get_Item")!;

    /// <summary>The untyped invoker for <paramref name="type"/>.</summary>
    public static UntypedInvoker GetInvoker(FunctionType type) =>
        s_invokers.TryGetValue(type, out var invoker) ? invoker : s_invokers.GetOrAdd(type, CreateInvoker);

    /// <summary>Entry point of the stub calling an untyped host callback of signature <paramref name="type"/>.</summary>
    public static nint GetUntypedHostStub(FunctionType type) =>
        s_untypedHostStubs.TryGetValue(type, out var stub) ? stub : s_untypedHostStubs.GetOrAdd(type, CreateUntypedHostStub);

    /// <summary>The wasm signature of delegate type <paramref name="delegateType"/> and the entry point of its stub.</summary>
    public static (FunctionType Type, nint EntryPoint) GetTypedHostStub(Type delegateType) =>
        s_typedHostStubs.TryGetValue(delegateType, out var stub) ? stub : s_typedHostStubs.GetOrAdd(delegateType, CreateTypedHostStub);

    /// <summary>Maps a .NET parameter/result type of a typed host function or accessor to a wasm type.</summary>
    public static bool TryMapClrType(Type type, out ValueKind kind)
    {
        kind = type == typeof(int) ? ValueKind.Int32
            : type == typeof(long) ? ValueKind.Int64
            : type == typeof(float) ? ValueKind.Float32
            : type == typeof(double) ? ValueKind.Float64
            : type == typeof(Function) ? ValueKind.FuncRef
            : type == typeof(object) ? ValueKind.ExternRef
            : ValueKind.Unknown;
        return kind != ValueKind.Unknown;
    }

    /// <summary>With a <c>ref WasmValue</c> on the stack, loads the value as the CIL type of <paramref name="kind"/>.</summary>
    public static void EmitReadValue(ILGenerator il, ValueKind kind) => il.Emit(OpCodes.Call, typeof(WasmValue).GetMethod(kind switch
    {
        ValueKind.Int32 => nameof(WasmValue.AsInt32),
        ValueKind.Int64 => nameof(WasmValue.AsInt64),
        ValueKind.Float32 => nameof(WasmValue.AsFloat32),
        ValueKind.Float64 => nameof(WasmValue.AsFloat64),
        _ => "get_" + nameof(WasmValue.Reference),
    })!);

    /// <summary>Converts the CIL value of <paramref name="kind"/> on the stack into a <see cref="WasmValue"/>.</summary>
    public static void EmitMakeValue(ILGenerator il, ValueKind kind)
    {
        if (kind == ValueKind.FuncRef)
        {
            il.Emit(OpCodes.Castclass, typeof(Function));
        }

        il.Emit(OpCodes.Call, typeof(WasmValue).GetMethod(kind switch
        {
            ValueKind.Int32 => nameof(WasmValue.FromInt32),
            ValueKind.Int64 => nameof(WasmValue.FromInt64),
            ValueKind.Float32 => nameof(WasmValue.FromFloat32),
            ValueKind.Float64 => nameof(WasmValue.FromFloat64),
            ValueKind.FuncRef => nameof(WasmValue.FromFunction),
            _ => nameof(WasmValue.FromExternRef),
        })!);
    }

    private static UntypedInvoker CreateInvoker(FunctionType type)
    {
        var method = new DynamicMethod(
            "invoke " + type, typeof(void),
            [typeof(nint), typeof(object), typeof(ReadOnlySpan<WasmValue>), typeof(Span<WasmValue>)],
            typeof(StubFactory).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarga_S, (byte)2);
            CilTypes.EmitLdcI4(il, i);
            il.Emit(OpCodes.Call, s_readOnlySpanItem);
            EmitReadValue(il, type.Parameters[i]);
        }

        var results = type.Results;
        var resultLocals = new LocalBuilder[results.Length];
        for (var k = 0; k < results.Length; k++)
        {
            resultLocals[k] = il.DeclareLocal(CilTypes.Of(results[k]));
            if (k > 0)
            {
                il.Emit(OpCodes.Ldloca, resultLocals[k]);
            }
        }

        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_0);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, CilTypes.ReturnType(type), CilTypes.ParameterTypes(type, typeof(object)), null);
        if (results.Length > 0)
        {
            il.Emit(OpCodes.Stloc, resultLocals[0]);
        }

        for (var k = 0; k < results.Length; k++)
        {
            il.Emit(OpCodes.Ldarga_S, (byte)3);
            CilTypes.EmitLdcI4(il, k);
            il.Emit(OpCodes.Call, s_spanItem);
            il.Emit(OpCodes.Ldloc, resultLocals[k]);
            EmitMakeValue(il, results[k]);
            il.Emit(OpCodes.Stobj, typeof(WasmValue));
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<UntypedInvoker>();
    }

    private static nint CreateUntypedHostStub(FunctionType type) => DefineStub(type, (il, parameterCount) =>
    {
        var results = type.Results;
        var total = type.Parameters.Length + results.Length;
        LocalBuilder? buffer = null, array = null;
        if (total <= WasmValueBuffer.Capacity)
        {
            buffer = il.DeclareLocal(typeof(WasmValueBuffer));
        }
        else
        {
            array = il.DeclareLocal(typeof(WasmValue[]));
            CilTypes.EmitLdcI4(il, total);
            il.Emit(OpCodes.Newarr, typeof(WasmValue));
            il.Emit(OpCodes.Stloc, array);
        }

        void Slot(int index)
        {
            if (buffer is not null)
            {
                il.Emit(OpCodes.Ldloca, buffer);
                CilTypes.EmitLdcI4(il, index);
                il.Emit(OpCodes.Call, RuntimeMembers.HostSlot);
            }
            else
            {
                il.Emit(OpCodes.Ldloc, array!);
                CilTypes.EmitLdcI4(il, index);
                il.Emit(OpCodes.Ldelema, typeof(WasmValue));
            }
        }

        for (var i = 0; i < type.Parameters.Length; i++)
        {
            Slot(i);
            CilTypes.EmitLdarg(il, i);
            EmitMakeValue(il, type.Parameters[i]);
            il.Emit(OpCodes.Stobj, typeof(WasmValue));
        }

        CilTypes.EmitLdarg(il, parameterCount - 1);
        Slot(0);
        CilTypes.EmitLdcI4(il, type.Parameters.Length);
        CilTypes.EmitLdcI4(il, results.Length);
        il.Emit(OpCodes.Call, RuntimeMembers.HostInvokeUntyped);
        for (var k = 1; k < results.Length; k++)
        {
            CilTypes.EmitLdarg(il, type.Parameters.Length + k - 1);
            Slot(type.Parameters.Length + k);
            EmitReadValue(il, results[k]);
            CilTypes.EmitStoreIndirect(il, results[k]);
        }

        if (results.Length > 0)
        {
            Slot(type.Parameters.Length);
            EmitReadValue(il, results[0]);
        }

        il.Emit(OpCodes.Ret);
    });

    private static (FunctionType, nint) CreateTypedHostStub(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke") ?? throw new ArgumentException($"{delegateType} is not a delegate type.");
        var delegateParameters = invoke.GetParameters();
        var hasCaller = delegateParameters.Length > 0 && delegateParameters[0].ParameterType == typeof(Caller);
        var parameters = new List<ValueKind>();
        foreach (var parameter in delegateParameters.AsSpan(hasCaller ? 1 : 0))
        {
            parameters.Add(TryMapClrType(parameter.ParameterType, out var kind)
                ? kind
                : throw new ArgumentException($"Host function parameter '{parameter.Name}' has unsupported type {parameter.ParameterType}; use int, long, float, double, Function or object."));
        }

        var returnType = invoke.ReturnType;
        var resultTypes = returnType == typeof(void) ? []
            : returnType.IsGenericType && returnType.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) ? returnType.GetGenericArguments()
            : new[] { returnType };
        if (resultTypes.Length > 7)
        {
            throw new ArgumentException("Host functions return at most 7 results (a flat ValueTuple).");
        }

        var results = new List<ValueKind>();
        foreach (var resultType in resultTypes)
        {
            results.Add(TryMapClrType(resultType, out var kind)
                ? kind
                : throw new ArgumentException($"Host function result type {resultType} is unsupported; use int, long, float, double, Function or object."));
        }

        var type = new FunctionType(parameters, results);
        var entryPoint = DefineStub(type, (il, parameterCount) =>
        {
            var context = parameterCount - 1;
            CilTypes.EmitLdarg(il, context);
            il.Emit(OpCodes.Call, RuntimeMembers.HostGetDelegate);
            il.Emit(OpCodes.Castclass, delegateType);
            if (hasCaller)
            {
                CilTypes.EmitLdarg(il, context);
                il.Emit(OpCodes.Call, RuntimeMembers.HostGetCaller);
            }

            for (var i = 0; i < parameters.Count; i++)
            {
                CilTypes.EmitLdarg(il, i);
                if (parameters[i] == ValueKind.FuncRef)
                {
                    il.Emit(OpCodes.Castclass, typeof(Function));
                }
            }

            il.Emit(OpCodes.Callvirt, invoke);
            if (results.Count > 1)
            {
                var tuple = il.DeclareLocal(returnType);
                il.Emit(OpCodes.Stloc, tuple);
                for (var k = 1; k < results.Count; k++)
                {
                    CilTypes.EmitLdarg(il, parameters.Count + k - 1);
                    il.Emit(OpCodes.Ldloca, tuple);
                    il.Emit(OpCodes.Ldfld, returnType.GetField("Item" + (k + 1))!);
                    CilTypes.EmitStoreIndirect(il, results[k]);
                }

                il.Emit(OpCodes.Ldloca, tuple);
                il.Emit(OpCodes.Ldfld, returnType.GetField("Item1")!);
            }

            il.Emit(OpCodes.Ret);
        });
        return (type, entryPoint);
    }

    /// <summary>Defines <c>static R0 Stub(params, byref extra results, object context)</c> in the shared stub assembly.</summary>
    private static nint DefineStub(FunctionType type, Action<ILGenerator, int> emitBody)
    {
        lock (s_emitLock)
        {
            if (s_stubModule is null)
            {
                s_stubModule = DynamicAssemblies.Create("ReactorHost.Wasm.HostStubs");
            }

            var typeBuilder = s_stubModule.DefineType("Stub" + (++s_stubCounter), TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
            var parameterTypes = CilTypes.ParameterTypes(type, typeof(object));
            var method = typeBuilder.DefineMethod("Stub", MethodAttributes.Public | MethodAttributes.Static, CilTypes.ReturnType(type), parameterTypes);
            emitBody(method.GetILGenerator(), parameterTypes.Length);
            var created = typeBuilder.CreateType();
            var stub = created.GetMethod("Stub")!;
            RuntimeHelpers.PrepareMethod(stub.MethodHandle);
            return stub.MethodHandle.GetFunctionPointer();
        }
    }
}
