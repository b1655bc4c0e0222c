using System.Diagnostics;
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
    private bool _polling;
    private readonly long _spinTicks = Stopwatch.Frequency / 100_000;

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

    /// <summary>
    /// How long the guest spins tightly (checking the state word between CPU pause instructions)
    /// before it starts yielding its core. Default 10 µs; <see cref="TimeSpan.Zero"/> skips the phase.
    /// </summary>
    public TimeSpan SpinTime
    {
        get => Stopwatch.GetElapsedTime(0, _spinTicks);
        init => _spinTicks = value <= TimeSpan.Zero ? 0 : (long)(value.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Rounds of <see cref="SpinWait.SpinOnce(int)"/> (growing pauses, then yields) after <see cref="SpinTime"/>, before the guest blocks.</summary>
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

        if (Dispatcher is InlineSyscallDispatcher)
        {
            // Fast path of the default policy: run the handler right here from the caller's copy of
            // the request; when it completes synchronously there is nothing to hand over.
            if (TryRunInline(in request, out var errno))
            {
                Volatile.Write(ref _state, (int)SyscallLockState.Idle);
                return errno;
            }
        }
        else
        {
            _request = request;
            Dispatcher.Dispatch(this);
        }

        if (Volatile.Read(ref _state) != (int)SyscallLockState.Completed)
        {
            Wait();
        }

        var response = _response;
        var unwind = _unwind;
        Volatile.Write(ref _state, (int)SyscallLockState.Idle);
        if (unwind is not null)
        {
            _unwind = null;
            unwind.Throw();
        }

        return response;
    }

    /// <summary>Host side: completes the outstanding request with <paramref name="errno"/> and wakes the guest.</summary>
    public void Complete(Errno errno)
    {
        _response = errno;

        // Publishes the response with the state (a full fence). The event is touched only when the
        // guest gave up spinning and said so by moving the state to Blocked.
        if (Interlocked.Exchange(ref _state, (int)SyscallLockState.Completed) == (int)SyscallLockState.Blocked)
        {
            _signal.Set();
        }
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

    /// <summary>Guest side (inline policy, through <see cref="InlineSyscallDispatcher"/>): runs the posted request here.</summary>
    internal void RunInline()
    {
        if (TryRunInline(in _request, out var errno))
        {
            _response = errno;
            Volatile.Write(ref _state, (int)SyscallLockState.Completed);
        }
    }

    /// <summary>
    /// Runs <paramref name="request"/> on this thread. True with the errno when the handler completed
    /// synchronously; false when the slot completes later (a continuation is registered) or has
    /// already completed with a fault.
    /// </summary>
    private bool TryRunInline(in SyscallRequest request, out Errno errno)
    {
        ValueTask<Errno> pending;
        try
        {
            pending = Executor.Execute(in request, CancellationToken);
            if (pending.IsCompletedSuccessfully)
            {
                errno = pending.Result;
                return true;
            }
        }
#pragma warning disable CA1031 // every handler failure is reported to the guest, never lost
        catch (Exception e)
#pragma warning restore CA1031
        {
            _request.Syscall = request.Syscall;
            Fault(e);
            errno = default;
            return false;
        }

        // Pending: keep the syscall id for fault reports. The guest polls the task while it spins
        // and completes the slot itself when it sees it finish; a continuation is registered only
        // if the guest is about to block. (Registering at once would race with a fast completer:
        // a task that completes before its continuation is attached runs that continuation on the
        // thread pool, a 5-20 µs detour.)
        _request.Syscall = request.Syscall;
        _pending = pending.ConfigureAwait(false).GetAwaiter();
        _polling = true;
        errno = default;
        return false;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Wait()
    {
        // 1. Tight spin (a pause instruction between checks, ~30 ns) for SpinTime: a handler that
        //    finishes on another thread within a few microseconds is seen at once, without a
        //    kernel transition on either side.
        var spinTicks = _spinTicks;
        if (spinTicks > 0)
        {
            var deadline = Stopwatch.GetTimestamp() + spinTicks;
            do
            {
                for (var i = 0; i < 16; i++)
                {
                    if (IsDone())
                    {
                        return;
                    }

                    Thread.SpinWait(1);
                }
            }
            while (Stopwatch.GetTimestamp() < deadline);
        }

        // 2. Polite spin: growing pauses, then yielding the core (SpinWait), SpinIterations rounds.
        var spinner = default(SpinWait);
        for (var i = 0; i < SpinIterations; i++)
        {
            if (IsDone())
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (_polling)
        {
            // From here the continuation completes the slot (cached delegate, no ExecutionContext
            // capture). If the task finished since the last poll it runs on the thread pool.
            _polling = false;
            _pending.UnsafeOnCompleted(_onPendingCompleted);
        }

        // 3. Block, after announcing it (Requested -> Blocked) so that the host knows to signal; if
        //    the exchange fails, the host completed in between.
        if (Interlocked.CompareExchange(ref _state, (int)SyscallLockState.Blocked, (int)SyscallLockState.Requested) != (int)SyscallLockState.Requested)
        {
            return;
        }

        while (Volatile.Read(ref _state) != (int)SyscallLockState.Completed)
        {
            _signal.Wait(CancellationToken);
        }

        // The host set the event once, for this wait; nothing else sets it before the next Blocked
        // state, so resetting here cannot lose a wake-up.
        _signal.Reset();
    }

    /// <summary>True once the slot is Completed; while polling an inline handler's task, completes the slot when the task has finished.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsDone()
    {
        if (_polling && _pending.IsCompleted)
        {
            _polling = false;
            OnPendingCompleted();
        }

        return Volatile.Read(ref _state) == (int)SyscallLockState.Completed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBusy() => throw new InvalidOperationException("A syscall is already outstanding on this slot: a guest is single-threaded.");

    /// <inheritdoc/>
    public void Dispose() => _signal.Dispose();
}
