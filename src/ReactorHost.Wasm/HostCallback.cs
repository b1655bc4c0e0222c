namespace ReactorHost.Wasm;

/// <summary>An untyped host function body: reads <paramref name="arguments"/>, writes <paramref name="results"/>.</summary>
/// <param name="caller">The calling instance.</param>
/// <param name="arguments">The arguments, typed as the function's parameters.</param>
/// <param name="results">Space for the results; each slot must be set to a value of the result type.</param>
public delegate void HostCallback(Caller caller, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results);
