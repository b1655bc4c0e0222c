namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>What the wasm loop of a <see cref="GuestCallLoop"/> calls.</summary>
internal enum GuestCallKind
{
    /// <summary>A host import that does nothing (<c>(i32) -> i32</c>): the floor of any wasm→host call.</summary>
    ImportNoop,

    /// <summary><c>clock_time_get</c>: a direct-group syscall, answered inline on the guest thread.</summary>
    ClockTimeGet,

    /// <summary><c>fd_write</c> of 8 bytes to a null handler through DirectWasiPreview1 (foreground).</summary>
    FdWriteDirect,

    /// <summary><c>fd_write</c> of 8 bytes to a null handler through ProxyWasiPreview1 + SyscallLock (background).</summary>
    FdWriteProxy,

    /// <summary><c>fd_write</c> through ProxyWasiPreview1 to a handler that a completer thread completes (always pending).</summary>
    FdWriteProxyAsync,
}
