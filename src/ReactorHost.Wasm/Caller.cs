namespace ReactorHost.Wasm;

/// <summary>
/// Passed to host functions: the instance whose code made the call, so the host can reach its
/// exported memory (e.g. to decode pointers).
/// </summary>
public readonly struct Caller
{
    /// <summary>The calling instance, or null when the function was called from the host.</summary>
    public Instance? Instance => throw new NotImplementedException("back-end helper");

    /// <summary>The calling instance's exported memory <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => Instance?.GetMemory(name);
}
