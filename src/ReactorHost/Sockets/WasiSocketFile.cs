using System.Net;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Sockets;

/// <summary>
/// A socket in a guest's fd table: fd_read/fd_write, sock_recv/sock_send and poll_oneoff reach the
/// <see cref="WasiSocket"/> through its <see cref="WasiSocketHandler"/>. The fd's
/// <see cref="FdFlags.Nonblock"/> flag makes operations that would block answer EAGAIN.
/// Closing the last fd closes the socket through the handler. Handler-independent socket state lives
/// here: the receive/send timeouts (<c>SO_RCVTIMEO</c>/<c>SO_SNDTIMEO</c>, enforced by waiting for
/// readiness with a deadline: EAGAIN on timeout) and a connect in progress on a non-blocking fd
/// (EINPROGRESS; writable once it finished; its outcome in <c>SO_ERROR</c>).
/// </summary>
public sealed class WasiSocketFile : WasiFile
{
    private Task<Errno>? _pendingConnect;

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

    /// <summary>SO_RCVTIMEO: how long a blocking receive or accept waits before answering EAGAIN (null: forever).</summary>
    public TimeSpan? ReceiveTimeout { get; set; }

    /// <summary>SO_SNDTIMEO: how long a blocking send waits for buffer space before answering EAGAIN (or the bytes sent so far).</summary>
    public TimeSpan? SendTimeout { get; set; }

    /// <summary>Whether a non-blocking connect is still in progress.</summary>
    public bool IsConnecting => _pendingConnect is { IsCompleted: false };

    /// <summary>Whether a poll subscription of <paramref name="type"/> is satisfied now.</summary>
    public bool IsReady(EventType type) =>
        type == EventType.FdWrite ? (_pendingConnect is { } connect ? connect.IsCompleted : Socket.IsWritable) : Socket.IsReadable;

    /// <summary>Completes when a poll subscription of <paramref name="type"/> may be satisfied.</summary>
    public ValueTask WaitReadyAsync(EventType type, CancellationToken cancellationToken)
    {
        if (type != EventType.FdWrite)
        {
            return Socket.WaitReadableAsync(cancellationToken);
        }

        return _pendingConnect is { IsCompleted: false } connect ? new(connect.WaitAsync(cancellationToken)) : Socket.WaitWritableAsync(cancellationToken);
    }

    /// <summary>
    /// <c>sock_connect</c>: blocking fds wait for the outcome; a non-blocking fd starts the connect
    /// and answers EINPROGRESS unless it finished at once (FD_WRITE readiness and SO_ERROR report
    /// it); EALREADY while in progress; a second call after it finished reports its outcome
    /// (EISCONN after success).
    /// </summary>
    public ValueTask<Errno> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        if (_pendingConnect is { } pending)
        {
            if (!pending.IsCompleted)
            {
                return new(Errno.Already);
            }

            var outcome = TakeConnectOutcome();
            return new(outcome == Errno.Success ? Errno.Isconn : outcome);
        }

        var connect = Handler.ConnectAsync(Socket, endPoint, cancellationToken);
        if (!NonBlocking || connect.IsCompleted)
        {
            return connect;
        }

        _pendingConnect = connect.AsTask();
        return new(Errno.Inprogress);
    }

    /// <summary>The outcome of a finished non-blocking connect (consumed: SO_ERROR reads it once); null when there is none.</summary>
    public Errno? TakeConnectError()
    {
        if (_pendingConnect is not { IsCompleted: true })
        {
            return null;
        }

        return TakeConnectOutcome();
    }

    private Errno TakeConnectOutcome()
    {
        var pending = _pendingConnect!;
        _pendingConnect = null;
        return pending.IsCompletedSuccessfully ? pending.Result : pending.IsCanceled ? Errno.Canceled : Errno.Io;
    }

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
        if (IsConnecting && NonBlocking)
        {
            return new(new WasiResult<uint>(Errno.Again, 0));
        }

        if (!NonBlocking && (ReceiveTimeout is not null || _pendingConnect is not null))
        {
            return ReceiveWithDeadlineAsync(iovs, flags, cancellationToken);
        }

        return ReceiveCoreAsync(iovs, flags, NonBlocking, cancellationToken);
    }

    /// <summary>A blocking receive under SO_RCVTIMEO: non-blocking attempts and readiness waits until the deadline.</summary>
    private async ValueTask<WasiResult<uint>> ReceiveWithDeadlineAsync(IovecArray iovs, RiFlags flags, CancellationToken cancellationToken)
    {
        await FinishConnectAsync(cancellationToken).ConfigureAwait(false);
        if (ReceiveTimeout is not { } timeout)
        {
            return await ReceiveCoreAsync(iovs, flags, nonBlocking: false, cancellationToken).ConfigureAwait(false);
        }

        var deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        while (true)
        {
            var result = await ReceiveCoreAsync(iovs, flags, nonBlocking: true, cancellationToken).ConfigureAwait(false);
            if (result.Errno != Errno.Again || !await WaitUntilAsync(Socket.WaitReadableAsync, deadline, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }
        }
    }

    /// <summary>Accepts on a listening socket, honouring the fd's non-blocking flag and SO_RCVTIMEO.</summary>
    public async ValueTask<WasiResult<WasiSocket>> AcceptAsync(CancellationToken cancellationToken)
    {
        if (NonBlocking || ReceiveTimeout is not { } timeout)
        {
            return await Handler.AcceptAsync(Socket, NonBlocking, cancellationToken).ConfigureAwait(false);
        }

        var deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        while (true)
        {
            var result = await Handler.AcceptAsync(Socket, nonBlocking: true, cancellationToken).ConfigureAwait(false);
            if (result.Errno != Errno.Again || !await WaitUntilAsync(Socket.WaitReadableAsync, deadline, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }
        }
    }

    /// <summary>Waits for readiness until <paramref name="deadline"/> (Environment.TickCount64); false when the deadline passed.</summary>
    private static async ValueTask<bool> WaitUntilAsync(Func<CancellationToken, ValueTask> wait, long deadline, CancellationToken cancellationToken)
    {
        var left = deadline - Environment.TickCount64;
        if (left <= 0)
        {
            return false;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(TimeSpan.FromMilliseconds(left));
        try
        {
            await wait(timer.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async ValueTask FinishConnectAsync(CancellationToken cancellationToken)
    {
        if (_pendingConnect is { IsCompleted: false } connect)
        {
            await connect.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask<WasiResult<uint>> ReceiveCoreAsync(IovecArray iovs, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        var first = FirstNonEmpty(iovs);
        if (first < 0)
        {
            return Map(Handler.ReceiveAsync(Socket, Memory<byte>.Empty, flags, nonBlocking, cancellationToken));
        }

        var pending = Handler.ReceiveAsync(Socket, iovs[first], flags, nonBlocking, cancellationToken);
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

        if (IsConnecting && NonBlocking)
        {
            return new(new WasiResult<uint>(Errno.Again, 0));
        }

        if (!NonBlocking && (SendTimeout is not null || _pendingConnect is not null))
        {
            return SendWithDeadlineAsync(iovs, first, cancellationToken);
        }

        return SendCoreAsync(iovs, first, NonBlocking, cancellationToken);
    }

    private ValueTask<WasiResult<uint>> SendCoreAsync(IovecArray iovs, int first, bool nonBlocking, CancellationToken cancellationToken)
    {
        var pending = Handler.SendAsync(Socket, iovs[first], nonBlocking, cancellationToken);
        return first == iovs.Count - 1 ? Map(pending) : SendRestAsync(pending, iovs, first, nonBlocking, cancellationToken);
    }

    /// <summary>
    /// A blocking send under SO_SNDTIMEO: sends what fits, waits for writability until the deadline,
    /// and on timeout answers the bytes already sent (EAGAIN when none), as POSIX does.
    /// </summary>
    private async ValueTask<WasiResult<uint>> SendWithDeadlineAsync(IovecArray iovs, int first, CancellationToken cancellationToken)
    {
        await FinishConnectAsync(cancellationToken).ConfigureAwait(false);
        if (SendTimeout is not { } timeout)
        {
            return await SendCoreAsync(iovs, first, nonBlocking: false, cancellationToken).ConfigureAwait(false);
        }

        var deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        uint total = 0;
        for (var i = first; i < iovs.Count; i++)
        {
            var remaining = (ReadOnlyMemory<byte>)iovs[i];
            while (!remaining.IsEmpty)
            {
                var sent = await Handler.SendAsync(Socket, remaining, nonBlocking: true, cancellationToken).ConfigureAwait(false);
                if (sent.IsSuccess)
                {
                    total += (uint)sent.Value;
                    remaining = remaining[sent.Value..];
                    continue;
                }

                if (sent.Errno != Errno.Again || !await WaitUntilAsync(Socket.WaitWritableAsync, deadline, cancellationToken).ConfigureAwait(false))
                {
                    // Bytes already sent are reported; the error (or the timeout) shows when nothing was.
                    return total > 0 ? total : sent.Errno;
                }
            }
        }

        return total;
    }

    private async ValueTask<WasiResult<uint>> SendRestAsync(ValueTask<WasiResult<int>> pending, IovecArray iovs, int first, bool nonBlocking, CancellationToken cancellationToken)
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

            var more = await Handler.SendAsync(Socket, iovs[i], nonBlocking, cancellationToken).ConfigureAwait(false);
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
