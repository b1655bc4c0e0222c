namespace ReactorHost;

/// <summary>
/// A reactor export bound by <see cref="WasiReactor"/>: queues one call and returns a task completed
/// with its result. Callable from any thread, concurrently; calls run one at a time on the guest thread,
/// in queue order.
/// </summary>
/// <param name="arg1">Argument 1.</param>
/// <param name="cancellationToken">Removes the call while it is queued; interrupts it (or cancels its pending syscall) while it runs.</param>
public delegate Task<TResult> ReactorFunc<in T1, TResult>(T1 arg1, CancellationToken cancellationToken = default);
