namespace ReactorHost.Sockets;

/// <summary>A bounded queue with async "not empty" readiness: pending connections of an in-memory listener, datagrams of an in-memory UDP socket.</summary>
internal sealed class LoopbackQueue<T>
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _items = new();
    private TaskCompletionSource? _nonEmpty;
    private bool _closed;

    public int Capacity { get; set; } = 128;

    public bool IsReady
    {
        get
        {
            lock (_lock)
            {
                return _items.Count > 0 || _closed;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public bool TryEnqueue(T item)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_closed || _items.Count >= Capacity)
            {
                return false;
            }

            _items.Enqueue(item);
            wake = _nonEmpty;
            _nonEmpty = null;
        }

        wake?.TrySetResult();
        return true;
    }

    public bool TryDequeue(out T item)
    {
        lock (_lock)
        {
            return _items.TryDequeue(out item!);
        }
    }

    public bool TryPeek(out T item)
    {
        lock (_lock)
        {
            return _items.TryPeek(out item!);
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_items.Count > 0 || _closed)
            {
                return Task.CompletedTask;
            }

            _nonEmpty ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _nonEmpty.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Closes the queue and returns what was left in it.</summary>
    public List<T> Close()
    {
        TaskCompletionSource? wake;
        List<T> left;
        lock (_lock)
        {
            _closed = true;
            left = [.. _items];
            _items.Clear();
            wake = _nonEmpty;
            _nonEmpty = null;
        }

        wake?.TrySetResult();
        return left;
    }
}
