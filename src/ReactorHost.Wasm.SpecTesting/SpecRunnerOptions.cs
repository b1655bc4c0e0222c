namespace ReactorHost.Wasm.SpecTesting;

/// <summary>Options of a <see cref="SpecRunner"/>.</summary>
public sealed class SpecRunnerOptions
{
    /// <summary>
    /// Time limit of each command. When an action exceeds it, every instance of the script is
    /// interrupted and the command fails with "timeout". Default: 10 s.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after the interrupt the runner waits for the guest to stop before abandoning the
    /// script (the remaining commands are skipped). Covers hangs that an interrupt cannot reach,
    /// such as a start function or a bug in the engine. Default: 5 s.
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Stack size of the thread that runs a script. Default: 16 MiB.</summary>
    public int StackSizeBytes { get; init; } = 16 << 20;

    /// <summary>Run SIMD scripts (file name starts with <c>simd_</c>) instead of excluding them. Default: false.</summary>
    public bool IncludeSimd { get; init; }

    /// <summary>
    /// Engine options for the default engine. Default: the engine's defaults, so the scripts test
    /// what users get (its stack budget is far below <see cref="StackSizeBytes"/>, so exhaustion is
    /// the engine's guard tripping, never the thread's real limit).
    /// </summary>
    public EngineOptions? EngineOptions { get; init; }

    /// <summary>
    /// Creates the engine under test for each script, on the script's thread. Default: a
    /// <see cref="ReactorHostSpecEngine"/> with <see cref="EngineOptions"/>.
    /// </summary>
    public Func<ISpecEngine>? EngineFactory { get; init; }

    internal Func<ISpecEngine> ResolveEngineFactory()
    {
        if (EngineFactory is not null)
        {
            return EngineFactory;
        }

        var engineOptions = EngineOptions ?? new EngineOptions();
        return () => new ReactorHostSpecEngine(engineOptions);
    }
}
