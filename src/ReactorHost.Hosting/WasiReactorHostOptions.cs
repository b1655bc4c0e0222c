using ReactorHost.Wasm;

namespace ReactorHost.Hosting;

/// <summary>A hosted <see cref="WasiReactor"/>: the module and WASI setup plus queue, restart and stop policies.</summary>
public sealed class WasiReactorHostOptions : WasiGuestHostOptions
{
    /// <summary>Most calls queued at once; callers beyond it wait (asynchronously) for room. Default 1024.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>What to do when the instance traps or is interrupted. Default <see cref="ReactorRestartPolicy.Never"/>.</summary>
    public ReactorRestartPolicy RestartPolicy { get; set; } = ReactorRestartPolicy.Never;

    /// <summary>Most restarts over the reactor's life under <see cref="ReactorRestartPolicy.OnFault"/>. Default 10.</summary>
    public int MaxRestarts { get; set; } = 10;

    /// <summary>
    /// Host shutdown: <see cref="ReactorStopMode.Drain"/> serves every queued call first (until the
    /// host's shutdown timeout, then cancels); <see cref="ReactorStopMode.Cancel"/> cancels queued
    /// calls and interrupts the running one. Default Drain.
    /// </summary>
    public ReactorStopMode StopMode { get; set; } = ReactorStopMode.Drain;

    /// <summary>How long the idle guest thread polls before blocking (<see cref="WasiReactorOptions.SpinIterations"/>). Default 100.</summary>
    public int SpinIterations { get; set; } = 100;

    /// <summary>Code-only: host functions (or other definitions) added to the linker after the WASI imports.</summary>
    public Action<Linker>? ConfigureLinker { get; set; }
}
