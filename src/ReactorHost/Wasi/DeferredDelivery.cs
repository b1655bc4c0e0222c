using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace ReactorHost.Wasi;

/// <summary>
/// The pending form of a value-returning syscall: wraps the handler's
/// <see cref="ValueTask{TResult}"/> of <see cref="WasiResult{T}"/> and, when the result is
/// collected, writes the value to the guest's out-pointer and returns the errno. Unlike an
/// <c>async</c> wrapper it attaches nothing to the handler's task until someone actually waits
/// for it (<see cref="OnCompleted"/>): the <see cref="SyscallLock"/> first polls
/// <see cref="GetStatus"/> while it spins, so a handler completed by another thread within
/// microseconds is collected on the guest thread with no continuation at all (an async wrapper
/// would race its continuation registration against the completer, and lose to a thread-pool
/// hop when the completer is fast). One instance per executor and result type is reused, so a
/// pending syscall allocates nothing once warm.
/// </summary>
internal sealed class DeferredDelivery<T> : IValueTaskSource<Errno>
    where T : unmanaged
{
    private readonly SyscallExecutor _executor;
    private readonly Action _invokeContinuation;
    private ValueTask<WasiResult<T>> _inner;
    private uint _resultPointer;
    private short _version;
    private int _inUse;
    private Action<object?>? _continuation;
    private object? _continuationState;

    private DeferredDelivery(SyscallExecutor executor)
    {
        _executor = executor;
        _invokeContinuation = InvokeContinuation;
    }

    /// <summary>Wraps <paramref name="pending"/>, reusing the executor's instance when it is free.</summary>
    public static ValueTask<Errno> Start(SyscallExecutor executor, ValueTask<WasiResult<T>> pending, uint resultPointer)
    {
        var instance = executor.DeferredDeliveryCache as DeferredDelivery<T>;
        if (instance is null || Interlocked.Exchange(ref instance._inUse, 1) != 0)
        {
            instance = new DeferredDelivery<T>(executor) { _inUse = 1 };
            executor.DeferredDeliveryCache = instance;
        }

        instance._inner = pending;
        instance._resultPointer = resultPointer;
        return new ValueTask<Errno>(instance, instance._version);
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        Check(token);
        var inner = _inner;
        return !inner.IsCompleted ? ValueTaskSourceStatus.Pending
            : inner.IsCompletedSuccessfully ? ValueTaskSourceStatus.Succeeded
            : inner.IsCanceled ? ValueTaskSourceStatus.Canceled
            : ValueTaskSourceStatus.Faulted;
    }

    public Errno GetResult(short token)
    {
        Check(token);
        var inner = _inner;
        var resultPointer = _resultPointer;
        _inner = default;
        _continuation = null;
        _continuationState = null;
        _version++;
        Volatile.Write(ref _inUse, 0);

        // Rethrows the handler's exception, if any (mapped to an errno by the caller).
        var result = inner.IsCompletedSuccessfully ? inner.Result : inner.AsTask().GetAwaiter().GetResult();
        return _executor.Deliver(result, resultPointer);
    }

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Check(token);
        _continuation = continuation;
        _continuationState = state;

        // Flags are not honoured: the continuation runs wherever the handler's task completes,
        // as ConfigureAwait(false) would (the syscall layer never captures a context).
        _inner.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_invokeContinuation);
    }

    private void InvokeContinuation() => _continuation!(_continuationState);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(short token)
    {
        if (token != _version)
        {
            ThrowStale();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowStale() => throw new InvalidOperationException("This pending syscall result was already collected.");
}
