using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm;

/// <summary>
/// Resolves a module's imports by name and instantiates it. Definitions are (module, name) pairs
/// bound to functions (host or wasm), memories, tables or globals.
/// </summary>
public sealed class Linker
{
    private readonly Dictionary<(string Module, string Name), object> _definitions = [];

    /// <summary>Creates a linker for modules of <paramref name="engine"/>.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine.</summary>
    public Engine Engine { get; }

    /// <summary>When true, a later definition of the same (module, name) replaces the earlier one instead of throwing.</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines a function (host or wasm) under (module, name).</summary>
    public void Define(string module, string name, Function function) => Add(module, name, function);

    /// <summary>Defines a memory under (module, name).</summary>
    public void Define(string module, string name, Memory memory) => Add(module, name, memory);

    /// <summary>Defines a table under (module, name).</summary>
    public void Define(string module, string name, Table table) => Add(module, name, table);

    /// <summary>Defines a global under (module, name).</summary>
    public void Define(string module, string name, Global global) => Add(module, name, global);

    /// <summary>Defines a host function from a typed delegate (see <see cref="Function.FromDelegate"/>).</summary>
    public void DefineFunction(string module, string name, Delegate callback) => Define(module, name, Function.FromDelegate(callback));

    /// <summary>Defines every export of <paramref name="instance"/> under <paramref name="module"/>.</summary>
    public void DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, item) in instance.Exports)
        {
            Add(module, name, item);
        }
    }

    /// <summary>The item defined under (module, name), or null.</summary>
    public object? GetDefinition(string module, string name) => _definitions.GetValueOrDefault((module, name));

    /// <summary>
    /// Instantiates <paramref name="module"/>: resolves imports, allocates memories/tables/globals,
    /// applies active segments and runs the start function.
    /// </summary>
    /// <exception cref="WasmLinkException">An import is missing or has an incompatible type.</exception>
    /// <exception cref="WasmTrapException">A segment is out of bounds or the start function trapped.</exception>
    public Instance Instantiate(Module module) => Instantiate(module, CancellationToken.None);

    /// <summary>
    /// Instantiates <paramref name="module"/>; cancelling <paramref name="cancellationToken"/>
    /// interrupts a start function that is still running, so a guest that never returns from its
    /// start function cannot hang the caller.
    /// </summary>
    /// <exception cref="WasmLinkException">An import is missing or has an incompatible type.</exception>
    /// <exception cref="WasmTrapException">A segment is out of bounds or the start function trapped.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during instantiation.</exception>
    public Instance Instantiate(Module module, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        cancellationToken.ThrowIfCancellationRequested();
        return Instantiator.Instantiate(module, GetDefinition, cancellationToken);
    }

    private void Add(string module, string name, object item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(item);
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
        {
            throw new InvalidOperationException($"\"{module}\" \"{name}\" is already defined.");
        }

        _definitions[(module, name)] = item;
    }
}
