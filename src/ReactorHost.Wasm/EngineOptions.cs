namespace ReactorHost.Wasm;

/// <summary>Configuration of an <see cref="Engine"/>.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// Upper bound on the size of any one linear memory, in bytes. <c>memory.grow</c> beyond it
    /// fails (returns -1) as if the memory's maximum had been reached. Default: 4 GiB (no cap
    /// beyond the wasm32 limit).
    /// </summary>
    public long MaxMemoryBytes { get; init; } = 4L << 30;

    /// <summary>
    /// Stack space wasm code may use on the calling thread before a call traps with
    /// <see cref="TrapCode.StackExhausted"/>. Default: 512 KiB, which fits the 1.5 MiB default
    /// stack of .NET threads with room for host code.
    /// </summary>
    public int MaxStackBytes { get; init; } = 512 * 1024;

    /// <summary>
    /// Compile functions with full JIT optimization immediately (AggressiveOptimization) instead
    /// of going through tiered compilation. Default: true.
    /// </summary>
    public bool OptimizeCode { get; init; } = true;
}
