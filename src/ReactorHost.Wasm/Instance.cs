namespace ReactorHost.Wasm;

/// <summary>
/// An instantiated module: its memories, tables, globals and functions. Not thread-safe for
/// concurrent calls (a wasm instance is single-threaded); <see cref="Interrupt"/> may be called
/// from any thread.
/// </summary>
public sealed class Instance
{
    private Instance() => throw new NotImplementedException("back-end helper");

    /// <summary>The module this is an instance of.</summary>
    public Module Module => throw new NotImplementedException();

    /// <summary>An exported function, or null.</summary>
    public Function? GetFunction(string name) => throw new NotImplementedException();

    /// <summary>An exported memory, or null.</summary>
    public Memory? GetMemory(string name) => throw new NotImplementedException();

    /// <summary>An exported table, or null.</summary>
    public Table? GetTable(string name) => throw new NotImplementedException();

    /// <summary>An exported global, or null.</summary>
    public Global? GetGlobal(string name) => throw new NotImplementedException();

    /// <summary>All exports by name: each value is a <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
    public IReadOnlyDictionary<string, object> Exports => throw new NotImplementedException();

    /// <summary>An exported function as a typed delegate <c>() → TResult</c>, or null when missing; throws on signature mismatch.</summary>
    public Func<TResult>? GetFunction<TResult>(string name) => throw new NotImplementedException();

    /// <summary>Typed accessor for <c>(T1) → TResult</c>.</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) => throw new NotImplementedException();

    /// <summary>Typed accessor for <c>(T1, T2) → TResult</c>.</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) => throw new NotImplementedException();

    /// <summary>Typed accessor for <c>(T1, T2, T3) → TResult</c>.</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) => throw new NotImplementedException();

    /// <summary>Typed accessor for <c>() → ()</c>.</summary>
    public Action? GetAction(string name) => throw new NotImplementedException();

    /// <summary>Typed accessor for <c>(T1) → ()</c>.</summary>
    public Action<T1>? GetAction<T1>(string name) => throw new NotImplementedException();

    /// <summary>Typed accessor for <c>(T1, T2) → ()</c>.</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) => throw new NotImplementedException();

    /// <summary>
    /// Requests that wasm code running in this instance stop: it traps with
    /// <see cref="TrapCode.Interrupted"/> at the next function entry or loop back-edge. Sticky
    /// until <see cref="ClearInterrupt"/>.
    /// </summary>
    public void Interrupt() => throw new NotImplementedException();

    /// <summary>Clears a pending interrupt so the instance can run again.</summary>
    public void ClearInterrupt() => throw new NotImplementedException();
}
