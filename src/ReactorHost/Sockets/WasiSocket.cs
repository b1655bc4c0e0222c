namespace ReactorHost.Sockets;

/// <summary>
/// One socket created by a <see cref="WasiSocketHandler"/>: the state the handler's operations act
/// on. Each handler implementation derives its own socket type (a System.Net socket, an in-memory
/// endpoint...); wrapping handlers (<see cref="DelegatingSocketHandler"/>) pass it through
/// unchanged. Readiness (for <c>poll_oneoff</c> and non-blocking fds) is a property of the socket.
/// </summary>
public abstract class WasiSocket : IDisposable
{
    private int _disposed;

    /// <summary>Creates a socket of <paramref name="family"/> and <paramref name="kind"/>.</summary>
    protected WasiSocket(SocketAddressFamily family, SocketKind kind)
    {
        Family = family;
        Kind = kind;
    }

    /// <summary>The address family.</summary>
    public SocketAddressFamily Family { get; }

    /// <summary>Stream or datagram.</summary>
    public SocketKind Kind { get; }

    /// <summary>Whether <see cref="Dispose()"/> ran.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// True when a receive or accept would not block now: data, end of stream, a pending connection
    /// or an error is waiting.
    /// </summary>
    public abstract bool IsReadable { get; }

    /// <summary>True when a send would not block now (or would fail at once).</summary>
    public abstract bool IsWritable { get; }

    /// <summary>Bytes that can be received now without blocking (0 when unknown).</summary>
    public virtual long BytesAvailable => 0;

    /// <summary>Completes when <see cref="IsReadable"/> becomes true (without busy waiting).</summary>
    public abstract ValueTask WaitReadableAsync(CancellationToken cancellationToken);

    /// <summary>Completes when <see cref="IsWritable"/> becomes true.</summary>
    public abstract ValueTask WaitWritableAsync(CancellationToken cancellationToken);

    /// <summary>Closes the socket (idempotent).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Dispose(true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the socket's resources (called once).</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
