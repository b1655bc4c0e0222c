namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>How one proxied <c>fd_write</c> of the latency probes travels from the guest thread to its handler and back.</summary>
internal enum SyscallScenario
{
    /// <summary>ProxyWasiPreview1 + SyscallLock, inline dispatcher, handler completes synchronously.</summary>
    ProxySync,

    /// <summary>ProxyWasiPreview1 + SyscallLock, inline dispatcher, handler pending until a dedicated completer thread completes it.</summary>
    ProxyAsyncThread,

    /// <summary>ProxyWasiPreview1 + SyscallLock, inline dispatcher, handler does <c>await Task.Yield()</c> (resumes on the thread pool).</summary>
    ProxyAsyncYield,

    /// <summary>ProxyWasiPreview1 + SyscallLock, host-loop dispatcher (another thread runs every handler), handler completes synchronously.</summary>
    HostLoopSync,

    /// <summary>DirectWasiPreview1 (foreground), handler completes synchronously.</summary>
    DirectSync,
}
