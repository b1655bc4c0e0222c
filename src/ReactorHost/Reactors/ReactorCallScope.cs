namespace ReactorHost;

/// <summary>
/// The cancellation scope of the reactor call being served: handlers of that call's syscalls
/// receive <see cref="Token"/>. Cancelled when the call's caller cancels while the guest is blocked
/// in a syscall, or when the reactor is stopped forcibly. The guest thread replaces a cancelled
/// source between calls, so a cancellation never leaks into the next call.
/// </summary>
internal sealed class ReactorCallScope : IDisposable
{
    private CancellationTokenSource _source = new();

    /// <summary>The token of the current call.</summary>
    public CancellationToken Token => Volatile.Read(ref _source).Token;

    /// <summary>Whether the current call's scope was cancelled.</summary>
    public bool IsCancellationRequested => Volatile.Read(ref _source).IsCancellationRequested;

    /// <summary>Cancels the current call's handlers (any thread).</summary>
    public void Cancel()
    {
        try
        {
            Volatile.Read(ref _source).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the reactor is shutting down: nothing left to cancel
        }
    }

    /// <summary>Guest thread, between calls: a fresh source when the last one was cancelled.</summary>
    public void Renew()
    {
        var source = _source;
        if (source.IsCancellationRequested)
        {
            Volatile.Write(ref _source, new CancellationTokenSource());
            source.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();
}
