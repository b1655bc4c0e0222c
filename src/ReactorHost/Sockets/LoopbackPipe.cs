namespace ReactorHost.Sockets;

/// <summary>
/// One direction of an in-memory connection: a bounded ring buffer with async readiness. Writes
/// block (or report "would block") when full; closing the writer is end of stream; closing the
/// reader makes writes fail (EPIPE).
/// </summary>
internal sealed class LoopbackPipe
{
    private readonly Lock _lock = new();
    private readonly byte[] _buffer;
    private int _start;
    private int _count;
    private bool _writerClosed;
    private bool _readerClosed;
    private TaskCompletionSource? _readable;
    private TaskCompletionSource? _writable;

    public LoopbackPipe(int capacity) => _buffer = new byte[capacity];

    public const int WouldBlock = -1;
    public const int Broken = -2;

    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public bool CanRead
    {
        get
        {
            lock (_lock)
            {
                return _count > 0 || _writerClosed || _readerClosed;
            }
        }
    }

    public bool CanWrite
    {
        get
        {
            lock (_lock)
            {
                return _count < _buffer.Length || _readerClosed || _writerClosed;
            }
        }
    }

    /// <summary>Copies out up to <paramref name="destination"/>.Length bytes: the count, 0 at end of stream, or <see cref="WouldBlock"/>.</summary>
    public int TryRead(Span<byte> destination, bool peek)
    {
        TaskCompletionSource? wake;
        int n;
        lock (_lock)
        {
            if (_count == 0)
            {
                return _writerClosed || _readerClosed || destination.IsEmpty ? 0 : WouldBlock;
            }

            n = Math.Min(destination.Length, _count);
            var first = Math.Min(n, _buffer.Length - _start);
            _buffer.AsSpan(_start, first).CopyTo(destination);
            _buffer.AsSpan(0, n - first).CopyTo(destination[first..]);
            if (peek)
            {
                return n;
            }

            _start = (_start + n) % _buffer.Length;
            _count -= n;
            wake = _writable;
            _writable = null;
        }

        wake?.TrySetResult();
        return n;
    }

    /// <summary>Copies in as much as fits: the count, <see cref="WouldBlock"/> when full, <see cref="Broken"/> when the reader is gone.</summary>
    public int TryWrite(ReadOnlySpan<byte> source)
    {
        TaskCompletionSource? wake;
        int n;
        lock (_lock)
        {
            if (_readerClosed || _writerClosed)
            {
                return Broken;
            }

            if (source.IsEmpty)
            {
                return 0;
            }

            n = Math.Min(source.Length, _buffer.Length - _count);
            if (n == 0)
            {
                return WouldBlock;
            }

            var end = (_start + _count) % _buffer.Length;
            var first = Math.Min(n, _buffer.Length - end);
            source[..first].CopyTo(_buffer.AsSpan(end));
            source[first..n].CopyTo(_buffer);
            _count += n;
            wake = _readable;
            _readable = null;
        }

        wake?.TrySetResult();
        return n;
    }

    public Task WaitReadableAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_count > 0 || _writerClosed || _readerClosed)
            {
                return Task.CompletedTask;
            }

            _readable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _readable.Task.WaitAsync(cancellationToken);
        }
    }

    public Task WaitWritableAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_count < _buffer.Length || _readerClosed || _writerClosed)
            {
                return Task.CompletedTask;
            }

            _writable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _writable.Task.WaitAsync(cancellationToken);
        }
    }

    public void CloseWriter() => Close(ref _writerClosed);

    public void CloseReader() => Close(ref _readerClosed);

    private void Close(ref bool flag)
    {
        TaskCompletionSource? readable, writable;
        lock (_lock)
        {
            flag = true;
            readable = _readable;
            writable = _writable;
            _readable = _writable = null;
        }

        readable?.TrySetResult();
        writable?.TrySetResult();
    }
}
