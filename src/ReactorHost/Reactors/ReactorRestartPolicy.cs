namespace ReactorHost;

/// <summary>What a <see cref="WasiReactor"/> does when its instance is aborted by a trap, an interruption or <c>proc_exit</c>.</summary>
public enum ReactorRestartPolicy
{
    /// <summary>Become <see cref="WasiReactorState.Faulted"/>: later calls fail fast naming the original fault.</summary>
    Never,

    /// <summary>Instantiate the module afresh (new memory, new WASI state, <c>_initialize</c> again), up to <see cref="WasiReactorOptions.MaxRestarts"/> times.</summary>
    OnFault,
}
