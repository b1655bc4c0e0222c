using System.Threading.Channels;

namespace ReactorHost.Wasi;

/// <summary>
/// An optional dispatch policy for handlers that are not thread-safe: one host loop runs the
/// handlers of every guest that shares this dispatcher, one syscall at a time, in arrival order.
/// Guests wait on their slot while their request is queued or running.
/// </summary>
public sealed class HostLoopSyscallDispatcher : SyscallDispatcher, IAsyncDisposable
{
    private readonly Channel<SyscallLock> _queue = Channel.CreateUnbounded<SyscallLock>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <summary>Starts the loop on the thread pool.</summary>
    public HostLoopSyscallDispatcher()
    {
        _loop = Task.Run(RunLoopAsync);
    }

    /// <inheritdoc/>
    public override void Dispatch(SyscallLock slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (!_queue.Writer.TryWrite(slot))
        {
            slot.Fault(new ObjectDisposedException(nameof(HostLoopSyscallDispatcher)));
        }
    }

    private async Task RunLoopAsync()
    {
        await foreach (var slot in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await slot.RunAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting requests and waits for the queued ones to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
