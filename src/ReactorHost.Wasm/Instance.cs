using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm;

/// <summary>
/// An instantiated module: its memories, tables, globals and functions. Not thread-safe for
/// concurrent calls (a wasm instance is single-threaded); <see cref="Interrupt"/> may be called
/// from any thread.
/// </summary>
public sealed class Instance
{
    private Dictionary<string, object> _exports = [];

    internal Instance(Module module, InstanceContext context)
    {
        Module = module;
        Context = context;
    }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    /// <summary>The runtime state compiled code works on.</summary>
    internal InstanceContext Context { get; }

    /// <summary>An exported function, or null.</summary>
    public Function? GetFunction(string name) => _exports.GetValueOrDefault(name) as Function;

    /// <summary>An exported memory, or null.</summary>
    public Memory? GetMemory(string name) => _exports.GetValueOrDefault(name) as Memory;

    /// <summary>An exported table, or null.</summary>
    public Table? GetTable(string name) => _exports.GetValueOrDefault(name) as Table;

    /// <summary>An exported global, or null.</summary>
    public Global? GetGlobal(string name) => _exports.GetValueOrDefault(name) as Global;

    /// <summary>All exports by name: each value is a <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
    public IReadOnlyDictionary<string, object> Exports => _exports;

    /// <summary>An exported function as a typed delegate <c>() → TResult</c>, or null when missing; throws on signature mismatch.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the delegate's types.</exception>
    public Func<TResult>? GetFunction<TResult>(string name) =>
        Typed(name, [], typeof(TResult)) is { } f ? TypedCalls.Func<TResult>(f) : null;

    /// <summary>Typed accessor for <c>(T1) → TResult</c>.</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) =>
        Typed(name, [typeof(T1)], typeof(TResult)) is { } f ? TypedCalls.Func<T1, TResult>(f) : null;

    /// <summary>Typed accessor for <c>(T1, T2) → TResult</c>.</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) =>
        Typed(name, [typeof(T1), typeof(T2)], typeof(TResult)) is { } f ? TypedCalls.Func<T1, T2, TResult>(f) : null;

    /// <summary>Typed accessor for <c>(T1, T2, T3) → TResult</c>.</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) =>
        Typed(name, [typeof(T1), typeof(T2), typeof(T3)], typeof(TResult)) is { } f ? TypedCalls.Func<T1, T2, T3, TResult>(f) : null;

    /// <summary>Typed accessor for <c>() → ()</c>.</summary>
    public Action? GetAction(string name) =>
        Typed(name, [], null) is { } f ? TypedCalls.Action(f) : null;

    /// <summary>Typed accessor for <c>(T1) → ()</c>.</summary>
    public Action<T1>? GetAction<T1>(string name) =>
        Typed(name, [typeof(T1)], null) is { } f ? TypedCalls.Action<T1>(f) : null;

    /// <summary>Typed accessor for <c>(T1, T2) → ()</c>.</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) =>
        Typed(name, [typeof(T1), typeof(T2)], null) is { } f ? TypedCalls.Action<T1, T2>(f) : null;

    /// <summary>
    /// Requests that wasm code running in this instance stop: it traps with
    /// <see cref="TrapCode.Interrupted"/> at the next function entry or loop back-edge. Sticky
    /// until <see cref="ClearInterrupt"/>.
    /// </summary>
    public void Interrupt() => Volatile.Write(ref Context.InterruptRequested, 1);

    /// <summary>Clears a pending interrupt so the instance can run again.</summary>
    public void ClearInterrupt() => Volatile.Write(ref Context.InterruptRequested, 0);

    /// <summary>Sets the exports once instantiation has created them.</summary>
    internal void SetExports(Dictionary<string, object> exports) => _exports = exports;

    private Function? Typed(string name, Type[] parameters, Type? result)
    {
        var function = GetFunction(name);
        if (function is not null)
        {
            TypedCalls.CheckSignature(name, function.Type, parameters, result);
        }

        return function;
    }
}
