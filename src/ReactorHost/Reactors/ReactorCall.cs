namespace ReactorHost;

/// <summary>A queued unit of work for a reactor's guest thread (non-generic view of <see cref="ReactorCall{TArg, TResult}"/>).</summary>
internal interface IReactorWorkItem
{
    /// <summary>Guest thread: runs the call unless it was cancelled while queued.</summary>
    void Run(WasiReactor reactor, ReactorSession session);

    /// <summary>Fails the call without running it (reactor faulted or stopped).</summary>
    void Reject(Exception exception);

    /// <summary>Cancels the call without running it (forced stop, cancelled while waiting for queue room).</summary>
    void CancelUnrun();
}

/// <summary>
/// One reactor call: its own <see cref="TaskCompletionSource{TResult}"/> (so a call allocates the
/// work item and its task, nothing else), the argument, the invoker run on the guest thread, and
/// the cancellation state machine Queued → Running → Done (or Queued → Done when cancelled in the
/// queue). Continuations always run asynchronously: never on the guest thread.
/// </summary>
internal sealed class ReactorCall<TArg, TResult> : TaskCompletionSource<TResult>, IReactorWorkItem
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Done = 2;

    private readonly WasiReactor _reactor;
    private readonly Func<ReactorContext, TArg, TResult> _invoke;
    private readonly TArg _argument;
    private readonly string _operation;
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private int _state;
    private volatile bool _cancelDelivered;

    public ReactorCall(WasiReactor reactor, Func<ReactorContext, TArg, TResult> invoke, TArg argument, string operation, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _reactor = reactor;
        _invoke = invoke;
        _argument = argument;
        _operation = operation;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Caller thread, before the call is queued.</summary>
    public void RegisterCancellation()
    {
        if (_cancellationToken.CanBeCanceled)
        {
            _registration = _cancellationToken.UnsafeRegister(static state => ((ReactorCall<TArg, TResult>)state!).OnCancellationRequested(), this);
        }
    }

    private void OnCancellationRequested()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Queued) == Queued)
        {
            // Still queued: it will never run (the guest thread skips it when it dequeues it).
            TrySetCanceled(_cancellationToken);
            return;
        }

        if (Volatile.Read(ref _state) == Running)
        {
            _cancelDelivered = true;
            _reactor.CancelRunningCall();
        }
    }

    public void Run(WasiReactor reactor, ReactorSession session)
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued)
        {
            return;
        }

        var context = session.Context;
        context.InGuest = false;
        TResult result = default!;
        Exception? failure = null;
        try
        {
            result = _invoke(context, _argument);
        }
#pragma warning disable CA1031 // every outcome goes to the caller's task
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }

        Volatile.Write(ref _state, Done);

        // Waits for a cancellation callback running right now, so none reaches the next call.
        _registration.Dispose();
        var cancelDelivered = _cancelDelivered;
        if (failure is null)
        {
            var cleanupFault = reactor.FinishCall(session, cancelDelivered);
            TrySetResult(result);
            if (cleanupFault is not null)
            {
                reactor.AbortInstance(session, cleanupFault, _operation, cancelled: false);
            }

            return;
        }

        if (!reactor.IsInstanceAbort(session, failure))
        {
            // Marshalling or argument error outside guest code: the instance is intact.
            var cleanupFault = reactor.FinishCall(session, cancelDelivered);
            TrySetException(failure);
            if (cleanupFault is not null)
            {
                reactor.AbortInstance(session, cleanupFault, _operation, cancelled: false);
            }

            return;
        }

        // Settle the reactor (restarted or faulted) before the caller sees the failure, so what
        // it observes next is the new state.
        var cancelled = cancelDelivered && WasiReactor.IsInterruption(failure);
        var forced = reactor.IsStoppingForcibly;
        reactor.AbortInstance(session, failure, _operation, cancelled);
        if (cancelled || forced)
        {
            TrySetCanceled(_cancellationToken.IsCancellationRequested ? _cancellationToken : default);
        }
        else
        {
            TrySetException(failure);
        }
    }

    public void Reject(Exception exception)
    {
        if (Interlocked.Exchange(ref _state, Done) != Done)
        {
            _registration.Dispose();
            TrySetException(exception);
        }
    }

    public void CancelUnrun()
    {
        if (Interlocked.Exchange(ref _state, Done) != Done)
        {
            _registration.Dispose();
            TrySetCanceled(_cancellationToken.IsCancellationRequested ? _cancellationToken : default);
        }
    }
}
