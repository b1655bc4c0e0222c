using ReactorHost.Wasm.Compilation;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm;

/// <summary>
/// A WebAssembly function: exported from an instance, or a host function created from a .NET
/// callback. Also the value of a funcref.
/// </summary>
/// <remarks>
/// Every function, wasm or host, is called the same way: through <see cref="EntryPoint"/> with the
/// uniform calling convention <c>R0 f(P0 .. Pn-1, ref R1 .. ref Rm-1, object context)</c>, where
/// the first result is the return value and further results are written through byref arguments,
/// and <see cref="Context"/> is passed last (an instance context for wasm functions, a host binding
/// for host functions).
/// </remarks>
public sealed class Function
{
    /// <summary>Engine-wide canonical id of <see cref="Type"/>; compared by <c>call_indirect</c>.</summary>
    internal readonly int TypeId;

    /// <summary>The native entry point (uniform calling convention).</summary>
    internal readonly nint EntryPoint;

    /// <summary>The context argument passed with every call.</summary>
    internal readonly CallContext Context;

    /// <summary>The instance defining the function (null for host functions).</summary>
    internal readonly Instance? Owner;

    /// <summary>Index in the owner's function index space (-1 for host functions).</summary>
    internal readonly int Index;

    private static readonly int s_defaultMaxStackBytes = new EngineOptions().MaxStackBytes;

    private UntypedInvoker? _invoker;

    internal Function(FunctionType type, nint entryPoint, CallContext context, Instance? owner, int index)
    {
        Type = type;
        TypeId = TypeRegistry.GetId(type);
        EntryPoint = entryPoint;
        Context = context;
        Owner = owner;
        Index = index;
    }

    /// <summary>The function's signature.</summary>
    public FunctionType Type { get; }

    /// <summary>The host binding of a host function, or null for wasm functions.</summary>
    internal HostBinding? Host => Context as HostBinding;

    /// <summary>The stack budget of calls entering wasm through this function.</summary>
    internal int MaxStackBytes => Owner?.Module.Engine.Options.MaxStackBytes ?? s_defaultMaxStackBytes;

    /// <summary>Calls the function with untyped arguments; returns its results.</summary>
    /// <exception cref="ArgumentException">Argument count or types do not match <see cref="Type"/>.</exception>
    /// <exception cref="WasmTrapException">The call trapped.</exception>
    public WasmValue[] Invoke(params ReadOnlySpan<WasmValue> arguments)
    {
        var results = Type.Results.Length == 0 ? [] : new WasmValue[Type.Results.Length];
        InvokeInto(arguments, results);
        return results;
    }

    /// <summary>Calls the function writing its results into <paramref name="results"/> (no allocation).</summary>
    /// <exception cref="ArgumentException">Argument count or types do not match <see cref="Type"/>, or <paramref name="results"/> has the wrong length.</exception>
    /// <exception cref="WasmTrapException">The call trapped.</exception>
    public void InvokeInto(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results)
    {
        var parameters = Type.Parameters;
        if (arguments.Length != parameters.Length)
        {
            throw new ArgumentException($"{Type} expects {parameters.Length} arguments, got {arguments.Length}.", nameof(arguments));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Kind != parameters[i])
            {
                throw new ArgumentException($"Argument {i} of {Type} must be {parameters[i].ToWatName()}, got {arguments[i].Kind.ToWatName()}.", nameof(arguments));
            }

            if (parameters[i] == ValueKind.FuncRef && arguments[i].Reference is not null and not Function)
            {
                throw new ArgumentException($"Argument {i}: a funcref must be a Function or null.", nameof(arguments));
            }
        }

        if (results.Length != Type.Results.Length)
        {
            throw new ArgumentException($"{Type} has {Type.Results.Length} results.", nameof(results));
        }

        var invoker = _invoker ??= StubFactory.GetInvoker(Type);
        StackGuard.Enter(MaxStackBytes, Context);
        try
        {
            invoker(EntryPoint, Context, arguments, results);
        }
        catch (WasmTrapException trap)
        {
            TrapTrace.Attach(trap);
            throw;
        }
        catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
        {
            throw trap;
        }
        finally
        {
            StackGuard.Exit();
        }
    }

    /// <summary>Creates a host function with an untyped callback.</summary>
    public static Function FromCallback(FunctionType type, HostCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        var binding = new HostBinding(type, callback, null, null);
        return new Function(type, StubFactory.GetUntypedHostStub(type), binding, null, -1);
    }

    /// <summary>
    /// Creates a host function from a typed delegate. Parameter and return types map as
    /// int→i32, long→i64, float→f32, double→f64, <see cref="Function"/>→funcref, object→externref;
    /// an optional first parameter of type <see cref="Caller"/> receives the calling instance;
    /// a ValueTuple return gives multiple results. Calls allocate nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The delegate has a parameter or return type outside that mapping.</exception>
    public static Function FromDelegate(Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var (type, entryPoint) = StubFactory.GetTypedHostStub(callback.GetType());
        var binding = new HostBinding(type, null, callback, null);
        return new Function(type, entryPoint, binding, null, -1);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Owner is null ? $"host function {Type}" : $"{Owner.Module.Name}!{Owner.Module.GetFunctionName(Index) ?? $"<wasm function {Index}>"} {Type}";
}
