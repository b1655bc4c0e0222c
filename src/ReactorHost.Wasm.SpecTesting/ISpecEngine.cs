namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// The engine under test, as the script runner sees it: one per script, holding the linker state
/// (the <c>spectest</c> module and every registered instance). The runner classifies outcomes by
/// the exception types of ReactorHost.Wasm (<see cref="WasmModuleException"/>,
/// <see cref="WasmLinkException"/>, <see cref="WasmTrapException"/>), so implementations let
/// those propagate. Used from one thread, except <see cref="ISpecInstance.Interrupt"/>.
/// </summary>
public interface ISpecEngine : IDisposable
{
    /// <summary>Converts a text module to a binary.</summary>
    /// <exception cref="WasmModuleException">The text is malformed.</exception>
    byte[] TextToBinary(string text);

    /// <summary>Decodes, validates and compiles a module.</summary>
    /// <exception cref="WasmModuleException">The module is malformed or invalid.</exception>
    /// <exception cref="WasmNotSupportedException">The module uses an unsupported feature.</exception>
    ISpecModule Compile(string name, byte[] binary);

    /// <summary>Makes <paramref name="instance"/>'s exports importable under <paramref name="name"/>.</summary>
    void Register(string name, ISpecInstance instance);
}
