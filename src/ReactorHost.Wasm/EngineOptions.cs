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
    /// Compile functions with full JIT optimization on their first call (AggressiveOptimization).
    /// Default: true. When false, functions go through .NET's tiered compilation: quick tier-0
    /// code first, recompiled with full optimization in the background once hot (loops switch
    /// over through on-stack replacement). That starts much faster and suits run-once programs,
    /// but .NET tiers only code it never unloads: it takes effect only together with
    /// <see cref="CollectibleCode"/> = false (collectible code is always fully optimized).
    /// </summary>
    public bool OptimizeCode { get; init; } = true;

    /// <summary>
    /// Put each module's compiled code in a collectible assembly, freed by the garbage collector
    /// once the module and all its instances are unreachable. Default: true, right for hosts that
    /// load modules over a long life. Set false in a process that loads a fixed set of modules and
    /// exits (a command-line runner): the code then stays until the process ends, and
    /// <see cref="OptimizeCode"/> = false can use tiered compilation.
    /// </summary>
    public bool CollectibleCode { get; init; } = true;

    /// <summary>
    /// Compact emission (memory accesses and interrupt checks through small inlined helpers) for
    /// functions too large for the JIT's optimizer (<c>Auto</c>, the default: only where code is
    /// fully optimized on its first call), none, or all functions (tests). See docs/engine.md.
    /// </summary>
    internal Compilation.CompactCodeMode CompactCode { get; init; } = Compilation.CompactCodeMode.Auto;
}
