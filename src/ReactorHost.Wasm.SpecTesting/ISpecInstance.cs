namespace ReactorHost.Wasm.SpecTesting;

/// <summary>An instance of an <see cref="ISpecModule"/>.</summary>
public interface ISpecInstance
{
    /// <summary>Calls the exported function <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such exported function.</exception>
    /// <exception cref="WasmTrapException">The call trapped.</exception>
    WasmValue[] Invoke(string name, ReadOnlySpan<WasmValue> arguments);

    /// <summary>Reads the exported global <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such exported global.</exception>
    WasmValue GetGlobal(string name);

    /// <summary>Asks running code to stop with a trap (called from the watchdog thread).</summary>
    void Interrupt();

    /// <summary>Clears a pending interrupt.</summary>
    void ClearInterrupt();
}
