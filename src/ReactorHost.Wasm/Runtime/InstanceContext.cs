namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Per-instance state that compiled code reaches through its last (context) argument. Fields are
/// read directly by the generated CIL (the dynamic assembly ignores access checks to this assembly),
/// so they are plain fields, set once at instantiation.
/// </summary>
internal sealed class InstanceContext : CallContext
{
    /// <summary>The owning instance (set right after construction).</summary>
    public Instance Instance = null!;

    /// <summary>Memory 0, or null when the module has no memory.</summary>
    public Memory? Memory;

    /// <summary>The table index space (imports first).</summary>
    public Table[] Tables = [];

    /// <summary>The global index space (imports first); imported globals are the exporter's cells.</summary>
    public Global[] Globals = [];

    /// <summary>The function index space as <see cref="Function"/> objects (identity-stable funcref values).</summary>
    public Function[] Functions = [];

    /// <summary>For each imported function: the context argument to pass (the exporter's context or a host binding).</summary>
    public CallContext[] ImportContexts = [];

    /// <summary>For each imported function: the entry point (uniform calling convention).</summary>
    public nint[] ImportEntryPoints = [];

    /// <summary>Element segments (evaluated references); a dropped segment is an empty array.</summary>
    public object?[][] ElementSegments = [];

    /// <summary>Data segments; a dropped segment is empty.</summary>
    public ReadOnlyMemory<byte>[] DataSegments = [];

    /// <summary>Non-zero once <see cref="Wasm.Instance.Interrupt"/> was called; read with volatile semantics at function entry and loop heads.</summary>
    public int InterruptRequested;
}
