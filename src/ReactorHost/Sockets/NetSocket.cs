using System.Net.Sockets;

namespace ReactorHost.Sockets;

/// <summary>A <see cref="WasiSocket"/> over a System.Net.Sockets <see cref="System.Net.Sockets.Socket"/> (see <see cref="NetSocketHandler"/>).</summary>
public sealed class NetSocket : WasiSocket
{
    private Task<Socket>? _pendingAccept;

    /// <summary>Wraps <paramref name="socket"/> (which the wrapper owns from now on).</summary>
    public NetSocket(Socket socket, SocketAddressFamily family, SocketKind kind)
        : base(family, kind)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Socket = socket;

        // Synchronous calls (the non-blocking path) must never block the guest; blocking operations use the async API.
        socket.Blocking = false;
    }

    /// <summary>The underlying socket.</summary>
    public Socket Socket { get; }

    /// <summary>Whether <c>listen</c> succeeded.</summary>
    public bool IsListening { get; internal set; }

    /// <inheritdoc/>
    public override bool IsReadable
    {
        get
        {
            if (_pendingAccept is { IsCompleted: true })
            {
                return true;
            }

            try
            {
                return Socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <inheritdoc/>
    public override bool IsWritable
    {
        get
        {
            try
            {
                return Socket.Poll(0, SelectMode.SelectWrite);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <inheritdoc/>
    public override long BytesAvailable
    {
        get
        {
            try
            {
                return IsListening ? 0 : Socket.Available;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return 0;
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask WaitReadableAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (IsListening)
            {
                // An accept started here is handed to the next AcceptAsync, so no connection is lost.
                _pendingAccept ??= Socket.AcceptAsync(CancellationToken.None).AsTask();
                await _pendingAccept.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            // A zero-byte receive completes when data (or end of stream) is available and consumes nothing.
            await Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // An error is a readiness event too: the next operation reports it.
        }
    }

    /// <inheritdoc/>
    public override async ValueTask WaitWritableAsync(CancellationToken cancellationToken)
    {
        // System.Net exposes no async write readiness: a shared poll(2) thread waits for it.
        while (!IsWritable)
        {
            await NetWritabilityMonitor.Shared.WaitAsync(Socket, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the connection a readiness wait accepted, if any.</summary>
    internal Task<Socket>? TakePendingAccept()
    {
        var pending = _pendingAccept;
        _pendingAccept = null;
        return pending;
    }

    /// <summary>Puts back an accept that was taken but is not complete.</summary>
    internal void RestorePendingAccept(Task<Socket> pending) => _pendingAccept = pending;

    /// <summary>Whether a readiness wait started an accept that has not been taken yet.</summary>
    internal bool HasPendingAccept => _pendingAccept is not null;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Socket.Dispose();
            if (_pendingAccept is { IsCompletedSuccessfully: true } accepted)
            {
                accepted.Result.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
