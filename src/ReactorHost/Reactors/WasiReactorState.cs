namespace ReactorHost;

/// <summary>The lifecycle of a <see cref="WasiReactor"/>.</summary>
public enum WasiReactorState
{
    /// <summary>Constructed; calls queue up until it is started.</summary>
    Created,

    /// <summary>Instantiating the module and running <c>_initialize</c>.</summary>
    Starting,

    /// <summary>Serving calls.</summary>
    Running,

    /// <summary>The instance was aborted (trap, interruption, <c>proc_exit</c>); a fresh one is being created by the restart policy.</summary>
    Restarting,

    /// <summary>The instance was aborted and not replaced: every call fails fast with <see cref="WasiReactorFaultedException"/>.</summary>
    Faulted,

    /// <summary>Stopping: no new calls; queued calls are drained (or cancelled).</summary>
    Stopping,

    /// <summary>Stopped: the guest thread has exited.</summary>
    Stopped,
}
