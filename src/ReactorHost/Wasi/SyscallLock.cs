using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReactorHost.Wasi;

/// <summary>
/// The rendezvous between one guest thread and the host side that runs its proxied syscalls: a
/// single slot (a guest is single-threaded, so at most one syscall is outstanding) holding a fixed,
/// blittable <see cref="SyscallRequest"/> and an errno response, guarded by an atomic state word
/// <see cref="SyscallLockState"/> Idle → Requested → Completed → Idle. The guest posts, asks the
/// <see cref="SyscallDispatcher"/> to run it, and waits: a brief spin, then a blocking wait.
/// See docs/syscall-lock.md.
/// </summary>
public sealed class SyscallLock : IDisposable
{
    private readonly ManualResetEventSlim _signal = new(initialState: false, spinCount: 0);
    private readonly Action _onPendingCompleted;
    private int _state;
    private SyscallRequest _request;
    private Errno _response;
    private ExceptionDispatchInfo? _unwind;
    private ConfiguredValueTaskAwaitable<Errno>.ConfiguredValueTaskAwaiter _pending;

    /// <summary>Creates a slot for one guest.</summary>
    public SyscallLock(SyscallExecutor executor, SyscallDispatcher? dispatcher = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        Executor = executor;
        Dispatcher = dispatcher ?? InlineSyscallDispatcher.Instance;
        Logger = logger ?? NullLogger.Instance;
        CancellationToken = cancellationToken;
        _onPendingCompleted = OnPendingCompleted;
    }

    /// <summary>Spin iterations before the guest blocks (each a short <see cref="SpinWait"/> step).</summary>
    public int SpinIterations { get; init; } = 32;

    /// <summary>Decodes and runs requests.</summary>
    public SyscallExecutor Executor { get; }

    /// <summary>The dispatch policy.</summary>
    public SyscallDispatcher Dispatcher { get; }

    /// <summary>Where handler failures are logged.</summary>
    public ILogger Logger { get; }

    /// <summary>The guest's cancellation token, handed to every handler call.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The current state.</summary>
    public SyscallLockState State => (SyscallLockState)Volatile.Read(ref _state);

    /// <summary>The posted request (valid while <see cref="State"/> is <see cref="SyscallLockState.Requested"/>).</summary>
    public ref readonly SyscallRequest Request => ref _request;

    /// <summary>
    /// Guest side: posts <paramref name="request"/>, dispatches it and waits for the response.
    /// Throws (unwinding the guest) when the guest was cancelled or a handler asked to unwind it.
    /// </summary>
    public Errno Call(in SyscallRequest request)
    {
        if (Interlocked.CompareExchange(ref _state, (int)SyscallLockState.Requested, (int)SyscallLockState.Idle) != (int)SyscallLockState.Idle)
        {
            ThrowBusy();
        }

        _request = request;
        Dispatcher.Dispatch(this);
        if (Volatile.Read(ref _state) != (int)SyscallLockState.Completed)
        {
            Wait();
        }

        var response = _response;
        var unwind = _unwind;
        _unwind = null;
        Volatile.Write(ref _state, (int)SyscallLockState.Idle);
        unwind?.Throw();
        return response;
    }

    /// <summary>Host side: completes the outstanding request with <paramref name="errno"/> and wakes the guest.</summary>
    public void Complete(Errno errno)
    {
        _response = errno;
        Volatile.Write(ref _state, (int)SyscallLockState.Completed);
        _signal.Set();
    }

    /// <summary>
    /// Host side: completes the outstanding request with a handler failure: an errno (EIO, logged)
    /// or, for cancellation and exits, an exception rethrown on the guest thread.
    /// </summary>
    public void Fault(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (SyscallFaults.TryMapToErrno(exception, _request.Syscall, Logger, CancellationToken, out var errno))
        {
            Complete(errno);
            return;
        }

        _unwind = ExceptionDispatchInfo.Capture(exception);
        Complete(Errno.Canceled);
    }

    /// <summary>Host side: runs the request to completion and completes the slot (used by host loops).</summary>
    public async ValueTask RunAsync()
    {
        Errno errno;
        try
        {
            errno = await Executor.Execute(in _request, CancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // every handler failure is reported to the guest, never lost
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fault(e);
            return;
        }

        Complete(errno);
    }

    /// <summary>Guest side (inline policy): runs the handler here; completes without signalling when it finishes synchronously.</summary>
    internal void RunInline()
    {
        ValueTask<Errno> pending;
        try
        {
            pending = Executor.Execute(in _request, CancellationToken);
            if (pending.IsCompletedSuccessfully)
            {
                _response = pending.Result;
                Volatile.Write(ref _state, (int)SyscallLockState.Completed);
                return;
            }
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fault(e);
            return;
        }

        _pending = pending.ConfigureAwait(false).GetAwaiter();
        _pending.UnsafeOnCompleted(_onPendingCompleted);
    }

    private void OnPendingCompleted()
    {
        var awaiter = _pending;
        _pending = default;
        Errno errno;
        try
        {
            errno = awaiter.GetResult();
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fault(e);
            return;
        }

        Complete(errno);
    }

    private void Wait()
    {
        var spinner = default(SpinWait);
        for (var i = 0; i < SpinIterations; i++)
        {
            if (Volatile.Read(ref _state) == (int)SyscallLockState.Completed)
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        // Block. A Set left over from an earlier call may wake us early: reset and re-check the
        // state word, which the host writes before it signals.
        while (Volatile.Read(ref _state) != (int)SyscallLockState.Completed)
        {
            _signal.Wait(CancellationToken);
            _signal.Reset();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBusy() => throw new InvalidOperationException("A syscall is already outstanding on this slot: a guest is single-threaded.");

    /// <inheritdoc/>
    public void Dispose() => _signal.Dispose();
}
