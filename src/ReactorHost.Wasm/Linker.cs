namespace ReactorHost.Wasm;

/// <summary>
/// Resolves a module's imports by name and instantiates it. Definitions are (module, name) pairs
/// bound to functions (host or wasm), memories, tables or globals.
/// </summary>
public sealed class Linker
{
    /// <summary>Creates a linker for modules of <paramref name="engine"/>.</summary>
    public Linker(Engine engine) => throw new NotImplementedException("back-end helper");

    /// <summary>The engine.</summary>
    public Engine Engine => throw new NotImplementedException();

    /// <summary>When true, a later definition of the same (module, name) replaces the earlier one instead of throwing.</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines a function (host or wasm) under (module, name).</summary>
    public void Define(string module, string name, Function function) => throw new NotImplementedException();

    /// <summary>Defines a memory under (module, name).</summary>
    public void Define(string module, string name, Memory memory) => throw new NotImplementedException();

    /// <summary>Defines a table under (module, name).</summary>
    public void Define(string module, string name, Table table) => throw new NotImplementedException();

    /// <summary>Defines a global under (module, name).</summary>
    public void Define(string module, string name, Global global) => throw new NotImplementedException();

    /// <summary>Defines a host function from a typed delegate (see <see cref="Function.FromDelegate"/>).</summary>
    public void DefineFunction(string module, string name, Delegate callback) => Define(module, name, Function.FromDelegate(callback));

    /// <summary>Defines every export of <paramref name="instance"/> under <paramref name="module"/>.</summary>
    public void DefineInstance(string module, Instance instance) => throw new NotImplementedException();

    /// <summary>
    /// Instantiates <paramref name="module"/>: resolves imports, allocates memories/tables/globals,
    /// applies active segments and runs the start function.
    /// </summary>
    /// <exception cref="WasmLinkException">An import is missing or has an incompatible type.</exception>
    /// <exception cref="WasmTrapException">A segment is out of bounds or the start function trapped.</exception>
    public Instance Instantiate(Module module) => throw new NotImplementedException();
}
