using Microsoft.Extensions.Logging;

namespace ReactorHost.Wasi;

/// <summary>
/// The syscall entry for background guests: the direct group is answered inline, every other
/// syscall is posted to this guest's <see cref="SyscallLock"/> and run by its
/// <see cref="SyscallDispatcher"/> (inline-then-wait by default, or a serializing host loop).
/// </summary>
public sealed class ProxyWasiPreview1 : WasiPreview1, IDisposable
{
    private readonly SyscallDispatcher _dispatcher;
    private SyscallLock? _lock;

    /// <summary>Creates the entry.</summary>
    public ProxyWasiPreview1(WasiHandler handler, SyscallDispatcher? dispatcher = null, ILogger? logger = null, CancellationToken cancellationToken = default)
        : base(handler, logger, cancellationToken)
    {
        _dispatcher = dispatcher ?? InlineSyscallDispatcher.Instance;
    }

    /// <summary>The guest's slot, once the memory is bound.</summary>
    public SyscallLock? Lock => _lock;

    /// <inheritdoc/>
    protected override void OnBound(SyscallExecutor executor)
    {
        _lock?.Dispose();
        _lock = new SyscallLock(executor, _dispatcher, Logger, CancellationToken);
    }

    /// <inheritdoc/>
    protected override Errno Dispatch(in SyscallRequest request) => _lock!.Call(in request);

    /// <inheritdoc/>
    public void Dispose() => _lock?.Dispose();
}
