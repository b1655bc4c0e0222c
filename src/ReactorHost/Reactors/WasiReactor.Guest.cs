using Microsoft.Extensions.Logging;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>The guest-thread side of <see cref="WasiReactor"/>: start, the serve loop, aborts and restarts.</summary>
public sealed partial class WasiReactor
{
    /// <summary>True once a forced stop began (queued calls are cancelled, not run).</summary>
    internal bool IsStoppingForcibly => Volatile.Read(ref _forced) != 0;

    /// <summary>A cancellation callback found its call running: cancel its syscall or interrupt it.</summary>
    internal void CancelRunningCall() => _session?.CancelRunningCall();

    /// <summary>Whether <paramref name="failure"/> left the instance in an unknown state.</summary>
    internal bool IsInstanceAbort(ReactorSession session, Exception failure) =>
        session.Context.InGuest
        || failure is WasmTrapException or WasiExitException
        || (failure is OperationCanceledException && _stop.IsCancellationRequested);

    /// <summary>A trap raised by <see cref="Instance.Interrupt"/>.</summary>
    internal static bool IsInterruption(Exception failure) => failure is WasmTrapException { Code: TrapCode.Interrupted };

    /// <summary>
    /// Guest thread, after a call that left the instance usable: undo a cancellation that arrived
    /// too late to matter, renew the call scope, free the call's temporaries. Returns a fault when
    /// freeing trapped (the instance must then be aborted).
    /// </summary>
    internal Exception? FinishCall(ReactorSession session, bool cancelDelivered)
    {
        _completedCalls++;
        if (cancelDelivered)
        {
            if (!IsStoppingForcibly)
            {
                session.Instance.ClearInterrupt();
            }

            session.Scope.Renew();
        }

        try
        {
            session.Context.EndCall();
            return null;
        }
#pragma warning disable CA1031 // a guest fault while freeing aborts the instance
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    /// <summary>Guest thread: the instance is unusable; restart it (policy permitting) or fault the reactor.</summary>
    internal void AbortInstance(ReactorSession session, Exception cause, string operation, bool cancelled)
    {
        _completedCalls++;
        _session = null;
        session.Dispose();
        if (IsStoppingForcibly)
        {
            return;
        }

        var description = Describe(cause, operation, cancelled);
        if (Options.RestartPolicy == ReactorRestartPolicy.OnFault && Volatile.Read(ref _restarts) < Options.MaxRestarts)
        {
            SetStateUnlessStopping(WasiReactorState.Restarting);
            Interlocked.Increment(ref _restarts);
            LogRestarting(_logger, Module.Name, description, cause);
            try
            {
                _session = ReactorSession.Create(Module, Options, _stop.Token, CancellationToken.None);
                SetStateUnlessStopping(WasiReactorState.Running);
                return;
            }
#pragma warning disable CA1031 // a failed restart faults the reactor
            catch (Exception e)
#pragma warning restore CA1031
            {
                EnterFault(new WasiReactorFaultedException($"The reactor '{Module.Name}' is faulted: {description}, and restarting it failed: {e.Message}", e));
                return;
            }
        }

        EnterFault(new WasiReactorFaultedException($"The reactor '{Module.Name}' is faulted: {description}.", cause));
    }

    private void GuestMain()
    {
        try
        {
            try
            {
                _session = ReactorSession.Create(Module, Options, _stop.Token, _startToken);
            }
#pragma warning disable CA1031 // a failed start faults the reactor and is rethrown by StartAsync
            catch (Exception e)
#pragma warning restore CA1031
            {
                EnterFault(new WasiReactorFaultedException($"The reactor '{Module.Name}' failed to start: {e.Message}", e));
                if (e is OperationCanceledException canceled)
                {
                    _started.TrySetCanceled(canceled.CancellationToken);
                }
                else
                {
                    _started.TrySetException(e);
                }

                RejectQueued();
                return;
            }

            lock (_gate)
            {
                if (_state == WasiReactorState.Starting)
                {
                    _state = WasiReactorState.Running;
                }
            }

            _started.TrySetResult();
            Serve();
        }
        finally
        {
            _session?.Dispose();
            _session = null;
            lock (_gate)
            {
                if (_state != WasiReactorState.Faulted)
                {
                    _state = WasiReactorState.Stopped;
                }
            }

            _started.TrySetException(StoppedException());
            _exited.TrySetResult();
        }
    }

    /// <summary>
    /// The serve loop: drain the queue without blocking between calls, poll briefly when it runs
    /// dry, then block until a caller wakes us (see <see cref="OnQueued"/>). Ends when the queue
    /// is completed (stop or fault) and empty.
    /// </summary>
    private void Serve()
    {
        var reader = _queue.Reader;
        var spinIterations = Options.SpinIterations;
        while (true)
        {
            if (reader.TryRead(out var item) || (spinIterations > 0 && Poll(reader, spinIterations, out item)))
            {
                Dispatch(item);
                continue;
            }

            Interlocked.Exchange(ref _idle, 1);
            if (reader.TryRead(out item))
            {
                Volatile.Write(ref _idle, 0);
                Dispatch(item);
                continue;
            }

            if (ShouldExit(reader))
            {
                Volatile.Write(ref _idle, 0);
                break;
            }

            _wake.Wait();
            _wake.Reset();
            Volatile.Write(ref _idle, 0);
        }

        // Refuse further writes, then serve what slipped in before that.
        _queue.Writer.TryComplete();
        while (reader.TryRead(out var item))
        {
            Dispatch(item);
        }
    }

    /// <summary>Faulted (queue completed and empty), or stopping with nothing queued and no caller waiting for room.</summary>
    private bool ShouldExit(System.Threading.Channels.ChannelReader<IReactorWorkItem> reader) =>
        reader.Completion.IsCompleted || (_stopRequested && Volatile.Read(ref _waitingWriters) == 0);

    private bool Poll(System.Threading.Channels.ChannelReader<IReactorWorkItem> reader, int iterations, out IReactorWorkItem item)
    {
        var spinner = default(SpinWait);
        for (var i = 0; i < iterations; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref _queued) > 0 && reader.TryRead(out item!))
            {
                return true;
            }

            if (ShouldExit(reader))
            {
                break;
            }
        }

        item = null!;
        return false;
    }

    private void Dispatch(IReactorWorkItem item)
    {
        Interlocked.Decrement(ref _queued);
        var session = _session;
        if (IsStoppingForcibly)
        {
            item.CancelUnrun();
        }
        else if (session is null)
        {
            item.Reject((Exception?)_fault ?? StoppedException());
        }
        else
        {
            item.Run(this, session);
        }
    }

    private void RejectQueued()
    {
        while (_queue.Reader.TryRead(out var item))
        {
            Interlocked.Decrement(ref _queued);
            item.Reject((Exception?)_fault ?? StoppedException());
        }
    }

    private void EnterFault(WasiReactorFaultedException fault)
    {
        LogFaulted(_logger, Module.Name, fault.Message, fault.InnerException);
        lock (_gate)
        {
            _fault = fault;
            _state = WasiReactorState.Faulted;
            _queue.Writer.TryComplete();
        }
    }

    private void SetStateUnlessStopping(WasiReactorState state)
    {
        lock (_gate)
        {
            if (_state is not (WasiReactorState.Stopping or WasiReactorState.Stopped or WasiReactorState.Faulted))
            {
                _state = state;
            }
        }
    }

    /// <summary>Any thread: cancel queued calls, interrupt the running one, cancel pending handlers, unblock the guest.</summary>
    private void ForceStop()
    {
        Volatile.Write(ref _forced, 1);

        // Cancel the running call's handlers (and interrupt its wasm code) BEFORE the guest-wide
        // token: cancelling that token lets the guest unwind and dispose its session, and a call
        // scope disposed first would swallow the cancellation, leaving a pending handler waiting
        // forever (seen as a flaky StopTokenTurnsADrainIntoACancel).
        _session?.Abort();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already disposed: the guest thread is gone
        }

        _wake.Set();
    }

    private static string Describe(Exception cause, string operation, bool cancelled)
    {
        if (cancelled)
        {
            return $"the call to \"{operation}\" was cancelled while running, which interrupted the guest";
        }

        var exit = cause as WasiExitException ?? cause.InnerException as WasiExitException;
        return exit is not null ? $"the guest called proc_exit({exit.ExitCode}) during \"{operation}\""
            : cause is WasmTrapException trap ? $"the guest trapped during \"{operation}\" ({trap.Code}: {trap.Message})"
            : $"\"{operation}\" failed inside the guest ({cause.GetType().Name}: {cause.Message})";
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Reactor {Module}: {Reason}; restarting it.")]
    private static partial void LogRestarting(ILogger logger, string module, string reason, Exception cause);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Reactor {Module}: {Message}")]
    private static partial void LogFaulted(ILogger logger, string module, string message, Exception? cause);
}
