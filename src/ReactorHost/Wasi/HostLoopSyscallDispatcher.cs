using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReactorHost.Wasi;

/// <summary>
/// An optional dispatch policy for handlers that are not thread-safe: one host loop runs the
/// handlers of every guest that shares this dispatcher, one syscall at a time, in arrival order.
/// Guests wait on their slot while their request is queued or running.
/// </summary>
/// <remarks>
/// The loop is a dedicated background thread. After each syscall it polls the queue for
/// <see cref="PollTime"/> before it blocks, so a guest that posts again within that window is
/// served without waking a thread (a thread-pool or blocked-thread wake-up costs 5–20 µs).
/// A pending handler is awaited by the loop itself (blocking it), which keeps the one-at-a-time
/// guarantee.
/// </remarks>
public sealed class HostLoopSyscallDispatcher : SyscallDispatcher, IAsyncDisposable
{
    private readonly ConcurrentQueue<SyscallLock> _queue = new();
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private int _sleeping;
    private volatile bool _completed;

    /// <summary>Starts the loop on a dedicated background thread.</summary>
    public HostLoopSyscallDispatcher()
        : this(TimeSpan.FromMicroseconds(50))
    {
    }

    /// <summary>Starts the loop; it polls for <paramref name="pollTime"/> after each syscall before blocking.</summary>
    public HostLoopSyscallDispatcher(TimeSpan pollTime)
    {
        PollTime = pollTime < TimeSpan.Zero ? TimeSpan.Zero : pollTime;
        _thread = new Thread(RunLoop) { IsBackground = true, Name = "wasi host loop" };
        _thread.Start();
    }

    /// <summary>How long the loop polls for the next request before it blocks.</summary>
    public TimeSpan PollTime { get; }

    /// <inheritdoc/>
    public override void Dispatch(SyscallLock slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (_completed)
        {
            slot.Fault(new ObjectDisposedException(nameof(HostLoopSyscallDispatcher)));
            return;
        }

        _queue.Enqueue(slot);
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Set();
        }

        if (_completed && _stopped.Task.IsCompleted)
        {
            // Raced with disposal after the loop's last drain: answer here.
            FaultQueued();
        }
    }

    private void FaultQueued()
    {
        while (_queue.TryDequeue(out var late))
        {
            late.Fault(new ObjectDisposedException(nameof(HostLoopSyscallDispatcher)));
        }
    }

    private void RunLoop()
    {
        var pollTicks = (long)(PollTime.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (true)
            {
                if (_queue.TryDequeue(out var slot))
                {
                    Run(slot);
                    continue;
                }

                if (_completed)
                {
                    return;
                }

                // Poll, then announce sleep, re-check (a Dispatch between the check and the flag
                // would otherwise not signal), and block.
                var deadline = Stopwatch.GetTimestamp() + pollTicks;
                while (_queue.IsEmpty && !_completed && Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(1);
                }

                if (!_queue.IsEmpty || _completed)
                {
                    continue;
                }

                // A full fence between announcing sleep and re-checking the queue (Dispatch enqueues,
                // then reads the flag): one of the two sides always sees the other.
                Interlocked.Exchange(ref _sleeping, 1);
                if (_queue.IsEmpty && !_completed)
                {
                    _wake.Wait();
                }

                Volatile.Write(ref _sleeping, 0);
                _wake.Reset();
            }
        }
        finally
        {
            // Requests that raced with disposal still get an answer.
            _stopped.TrySetResult();
            FaultQueued();
        }
    }

    private static void Run(SyscallLock slot)
    {
        var running = slot.RunAsync();
        if (!running.IsCompleted)
        {
            // One syscall at a time: the loop waits for a pending handler (RunAsync never throws).
            running.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Stops accepting requests and waits for the queued ones to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _completed = true;
        _wake.Set();
        await _stopped.Task.ConfigureAwait(false);
    }
}
