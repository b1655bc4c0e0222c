namespace ReactorHost.Wasm;

/// <summary>
/// Passed to host functions: the instance whose code made the call, so the host can reach its
/// exported memory (e.g. to decode pointers).
/// </summary>
/// <remarks>
/// The caller is known for calls through an instance's imports (the common case, e.g. WASI). A host
/// function reached through <c>call_indirect</c> on a table, or invoked from the host, sees a null
/// <see cref="Instance"/>.
/// </remarks>
public readonly struct Caller
{
    private readonly Instance? _instance;

    internal Caller(Instance? instance) => _instance = instance;

    /// <summary>The calling instance, or null when the function was called from the host.</summary>
    public Instance? Instance => _instance;

    /// <summary>The calling instance's exported memory <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => Instance?.GetMemory(name);
}
