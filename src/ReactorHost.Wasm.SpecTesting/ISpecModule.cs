namespace ReactorHost.Wasm.SpecTesting;

/// <summary>A compiled module of an <see cref="ISpecEngine"/>.</summary>
public interface ISpecModule
{
    /// <summary>Instantiates the module against the engine's current definitions.</summary>
    /// <exception cref="WasmLinkException">An import cannot be resolved.</exception>
    /// <exception cref="WasmTrapException">A segment is out of bounds or the start function trapped.</exception>
    ISpecInstance Instantiate();
}
