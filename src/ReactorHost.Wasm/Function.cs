namespace ReactorHost.Wasm;

/// <summary>
/// A WebAssembly function: exported from an instance, or a host function created from a .NET
/// callback. Also the value of a funcref.
/// </summary>
public sealed class Function
{
    private Function() => throw new NotImplementedException("back-end helper");

    /// <summary>The function's signature.</summary>
    public FunctionType Type => throw new NotImplementedException();

    /// <summary>Calls the function with untyped arguments; returns its results.</summary>
    /// <exception cref="ArgumentException">Argument count or types do not match <see cref="Type"/>.</exception>
    /// <exception cref="WasmTrapException">The call trapped.</exception>
    public WasmValue[] Invoke(params ReadOnlySpan<WasmValue> arguments) => throw new NotImplementedException();

    /// <summary>Creates a host function with an untyped callback.</summary>
    public static Function FromCallback(FunctionType type, HostCallback callback) => throw new NotImplementedException();

    /// <summary>
    /// Creates a host function from a typed delegate. Parameter and return types map as
    /// int→i32, long→i64, float→f32, double→f64, <see cref="Function"/>→funcref, object→externref;
    /// an optional first parameter of type <see cref="Caller"/> receives the calling instance;
    /// a ValueTuple return gives multiple results. Calls allocate nothing.
    /// </summary>
    public static Function FromDelegate(Delegate callback) => throw new NotImplementedException();
}
