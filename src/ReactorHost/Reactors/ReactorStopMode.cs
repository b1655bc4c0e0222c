namespace ReactorHost;

/// <summary>How <see cref="WasiReactor.StopAsync(CancellationToken)"/> and <see cref="WasiReactor.DisposeAsync"/> treat calls still queued.</summary>
public enum ReactorStopMode
{
    /// <summary>Serve every queued call, then stop (cancelling the stop token switches to <see cref="Cancel"/>).</summary>
    Drain,

    /// <summary>Cancel queued calls and interrupt the running one.</summary>
    Cancel,
}
