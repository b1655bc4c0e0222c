namespace ReactorHost;

/// <summary>
/// A reactor export without results, bound by <see cref="WasiReactor"/>: queues one call and returns a
/// task completed when it has run. Callable from any thread, concurrently.
/// </summary>
/// <param name="arg1">Argument 1.</param>
/// <param name="cancellationToken">Removes the call while it is queued; interrupts it (or cancels its pending syscall) while it runs.</param>
public delegate Task ReactorAction<in T1>(T1 arg1, CancellationToken cancellationToken = default);
