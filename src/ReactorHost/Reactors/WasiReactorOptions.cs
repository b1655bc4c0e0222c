using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>How to run a WASI reactor module: its WASI setup plus the call queue, restart and stop policies.</summary>
public sealed class WasiReactorOptions
{
    /// <summary>
    /// The guest's WASI setup: argv, environment, preopens, stdio, guest thread stack size, syscall
    /// dispatcher, handler wrapping and logger (the same options a <see cref="WasiProcess"/> takes).
    /// </summary>
    public WasiProcessOptions Wasi { get; set; } = new() { ProgramName = "reactor.wasm" };

    /// <summary>Most calls queued at once; callers beyond it wait (asynchronously) for room. Default 1024.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>What to do when the instance is aborted. Default <see cref="ReactorRestartPolicy.Never"/>.</summary>
    public ReactorRestartPolicy RestartPolicy { get; set; } = ReactorRestartPolicy.Never;

    /// <summary>Most restarts under <see cref="ReactorRestartPolicy.OnFault"/> over the reactor's life; the next fault then faults the reactor. Default 10.</summary>
    public int MaxRestarts { get; set; } = 10;

    /// <summary>What stopping does with queued calls. Default <see cref="ReactorStopMode.Drain"/>.</summary>
    public ReactorStopMode StopMode { get; set; } = ReactorStopMode.Drain;

    /// <summary>
    /// How long the idle guest thread polls for the next call (in <see cref="SpinWait"/> steps)
    /// before it blocks. Polling keeps a steady caller's round trip free of a thread wake-up.
    /// Default 100; 0 blocks at once.
    /// </summary>
    public int SpinIterations { get; set; } = 100;

    /// <summary>Adds host functions (or other definitions) to the linker after the WASI imports, before every instantiation.</summary>
    public Action<Linker>? ConfigureLinker { get; set; }
}
