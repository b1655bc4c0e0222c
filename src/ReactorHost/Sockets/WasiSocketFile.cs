using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Sockets;

/// <summary>
/// A socket in a guest's fd table: fd_read/fd_write, sock_recv/sock_send and poll_oneoff reach the
/// <see cref="WasiSocket"/> through its <see cref="WasiSocketHandler"/>. The fd's
/// <see cref="FdFlags.Nonblock"/> flag makes operations that would block answer EAGAIN.
/// Closing the last fd closes the socket through the handler.
/// </summary>
public sealed class WasiSocketFile : WasiFile
{
    /// <summary>Wraps <paramref name="socket"/>, operated by <paramref name="handler"/>.</summary>
    public WasiSocketFile(WasiSocketHandler handler, WasiSocket socket)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(socket);
        Handler = handler;
        Socket = socket;
    }

    /// <summary>The handler that operates the socket.</summary>
    public WasiSocketHandler Handler { get; }

    /// <summary>The socket.</summary>
    public WasiSocket Socket { get; }

    /// <summary>Whether the fd is in non-blocking mode.</summary>
    public bool NonBlocking => (Flags & FdFlags.Nonblock) != 0;

    /// <inheritdoc/>
    public override FileType FileType => Socket.Kind == SocketKind.Datagram ? FileType.SocketDgram : FileType.SocketStream;

    /// <inheritdoc/>
    public override ulong BytesReadable => (ulong)Math.Max(0, Socket.BytesAvailable);

    /// <summary>Whether a poll subscription of <paramref name="type"/> is satisfied now.</summary>
    public bool IsReady(EventType type) => type == EventType.FdWrite ? Socket.IsWritable : Socket.IsReadable;

    /// <summary>Completes when a poll subscription of <paramref name="type"/> may be satisfied.</summary>
    public ValueTask WaitReadyAsync(EventType type, CancellationToken cancellationToken) =>
        type == EventType.FdWrite ? Socket.WaitWritableAsync(cancellationToken) : Socket.WaitReadableAsync(cancellationToken);

    // The generic readiness contract of WasiFile (poll_oneoff and fdflags.nonblock use only these).

    /// <inheritdoc/>
    public override bool PollReadable() => IsReady(EventType.FdRead);

    /// <inheritdoc/>
    public override bool PollWritable() => IsReady(EventType.FdWrite);

    /// <inheritdoc/>
    public override async ValueTask<bool> WaitReadableAsync(CancellationToken cancellationToken)
    {
        await WaitReadyAsync(EventType.FdRead, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public override async ValueTask<bool> WaitWritableAsync(CancellationToken cancellationToken)
    {
        await WaitReadyAsync(EventType.FdWrite, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken) => ReceiveAsync(iovs, RiFlags.None, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> WriteAsync(IovecArray iovs, CancellationToken cancellationToken) => SendAsync(iovs, cancellationToken);

    /// <summary>Receives into <paramref name="iovs"/>: waits (unless non-blocking) for the first bytes, then takes what is already there.</summary>
    public ValueTask<WasiResult<uint>> ReceiveAsync(IovecArray iovs, RiFlags flags, CancellationToken cancellationToken)
    {
        var first = FirstNonEmpty(iovs);
        if (first < 0)
        {
            return Map(Handler.ReceiveAsync(Socket, Memory<byte>.Empty, flags, NonBlocking, cancellationToken));
        }

        var pending = Handler.ReceiveAsync(Socket, iovs[first], flags, NonBlocking, cancellationToken);
        if (first == iovs.Count - 1 || (flags & RiFlags.RecvPeek) != 0)
        {
            return Map(pending);
        }

        return ReceiveRestAsync(pending, iovs, first, flags, cancellationToken);
    }

    private async ValueTask<WasiResult<uint>> ReceiveRestAsync(ValueTask<WasiResult<int>> pending, IovecArray iovs, int first, RiFlags flags, CancellationToken cancellationToken)
    {
        var result = await pending.ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var total = (uint)result.Value;
        if (result.Value < iovs[first].Length)
        {
            return total;
        }

        for (var i = first + 1; i < iovs.Count; i++)
        {
            if (iovs[i].IsEmpty)
            {
                continue;
            }

            var more = await Handler.ReceiveAsync(Socket, iovs[i], flags, nonBlocking: true, cancellationToken).ConfigureAwait(false);
            if (!more.IsSuccess || more.Value == 0)
            {
                break;
            }

            total += (uint)more.Value;
            if (more.Value < iovs[i].Length)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Sends <paramref name="iovs"/> (all of it when blocking; what fits when non-blocking).</summary>
    public ValueTask<WasiResult<uint>> SendAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        var first = FirstNonEmpty(iovs);
        if (first < 0)
        {
            return new(new WasiResult<uint>(Errno.Success, 0));
        }

        var pending = Handler.SendAsync(Socket, iovs[first], NonBlocking, cancellationToken);
        return first == iovs.Count - 1 ? Map(pending) : SendRestAsync(pending, iovs, first, cancellationToken);
    }

    private async ValueTask<WasiResult<uint>> SendRestAsync(ValueTask<WasiResult<int>> pending, IovecArray iovs, int first, CancellationToken cancellationToken)
    {
        var result = await pending.ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var total = (uint)result.Value;
        if (result.Value < iovs[first].Length)
        {
            return total;
        }

        for (var i = first + 1; i < iovs.Count; i++)
        {
            if (iovs[i].IsEmpty)
            {
                continue;
            }

            var more = await Handler.SendAsync(Socket, iovs[i], NonBlocking, cancellationToken).ConfigureAwait(false);
            if (!more.IsSuccess)
            {
                // Bytes already sent are reported; the error shows on the next call.
                break;
            }

            total += (uint)more.Value;
            if (more.Value < iovs[i].Length)
            {
                break;
            }
        }

        return total;
    }

    private static int FirstNonEmpty(IovecArray iovs)
    {
        for (var i = 0; i < iovs.Count; i++)
        {
            if (iovs.Element(i).Length != 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static ValueTask<WasiResult<uint>> Map(ValueTask<WasiResult<int>> pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            var r = pending.Result;
            return new(r.IsSuccess ? new WasiResult<uint>(Errno.Success, (uint)r.Value) : new WasiResult<uint>(r.Errno, 0));
        }

        return Awaited(pending);

        static async ValueTask<WasiResult<uint>> Awaited(ValueTask<WasiResult<int>> pending)
        {
            var r = await pending.ConfigureAwait(false);
            return r.IsSuccess ? new WasiResult<uint>(Errno.Success, (uint)r.Value) : new WasiResult<uint>(r.Errno, 0);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Handler.Close(Socket);
        }

        base.Dispose(disposing);
    }
}
