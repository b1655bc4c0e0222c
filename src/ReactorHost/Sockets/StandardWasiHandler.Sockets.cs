using System.Buffers;
using System.Net;
using ReactorHost.Sockets;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Wasi;

// Sockets: preview1 sock_accept/recv/send/shutdown on socket fds, the WasmEdge extension through
// SocketHandler, and the socket part of poll_oneoff (readiness waits, no busy loop).
public partial class StandardWasiHandler
{
    /// <summary>Rights of a socket fd.</summary>
    public const Rights SocketRights =
        Rights.FdRead | Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite
        | Rights.SockShutdown | Rights.SockAccept;

    /// <summary>
    /// Creates the guest's sockets (<c>sock_open</c>) and resolves names (<c>sock_getaddrinfo</c>).
    /// Null (the default): the guest has no network of its own (EACCES), only preopened sockets.
    /// </summary>
    public WasiSocketHandler? SocketHandler { get; init; }

    /// <summary>The socket at <paramref name="fd"/> when it holds <paramref name="required"/>.</summary>
    protected Errno TryGetSocket(int fd, Rights required, out WasiSocketFile socket)
    {
        socket = null!;
        if (Fds.Get(fd) is not { } entry)
        {
            return Errno.Badf;
        }

        if (entry.File is not WasiSocketFile file)
        {
            return Errno.Notsock;
        }

        if ((entry.RightsBase & required) != required)
        {
            return Errno.Notcapable;
        }

        socket = file;
        return Errno.Success;
    }

    /// <summary>Adds a socket to the fd table; EMFILE (and the socket closed) when it is full.</summary>
    public WasiResult<int> AddSocket(WasiSocketHandler handler, WasiSocket socket, FdFlags flags = FdFlags.None)
    {
        var file = new WasiSocketFile(handler, socket) { Flags = flags };
        var fd = Fds.Add(new WasiFdEntry(file, SocketRights, SocketRights));
        if (fd < 0)
        {
            file.Dispose();
            return Errno.Mfile;
        }

        return fd;
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SockAccept(int fd, FdFlags flags, CancellationToken cancellationToken)
    {
        var e = TryGetSocket(fd, Rights.SockAccept, out var listener);
        if (e != Errno.Success)
        {
            return new(new WasiResult<int>(e, 0));
        }

        var pending = listener.AcceptAsync(cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            return new(Accepted(listener.Handler, pending.Result, flags));
        }

        return Awaited(this, listener.Handler, pending, flags);

        static async ValueTask<WasiResult<int>> Awaited(StandardWasiHandler self, WasiSocketHandler handler, ValueTask<WasiResult<WasiSocket>> pending, FdFlags flags) =>
            self.Accepted(handler, await pending.ConfigureAwait(false), flags);
    }

    private WasiResult<int> Accepted(WasiSocketHandler handler, WasiResult<WasiSocket> accepted, FdFlags flags) =>
        accepted.IsSuccess ? AddSocket(handler, accepted.Value, flags & FdFlags.Nonblock) : accepted.Errno;

    /// <inheritdoc/>
    public override ValueTask<WasiResult<(uint Length, RoFlags Flags)>> SockRecv(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken)
    {
        var e = TryGetSocket(fd, Rights.FdRead, out var socket);
        if (e != Errno.Success)
        {
            return new(new WasiResult<(uint, RoFlags)>(e, default));
        }

        var pending = socket.ReceiveAsync(iovs, flags, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            return new(WithFlags(pending.Result));
        }

        return Awaited(pending);

        static async ValueTask<WasiResult<(uint Length, RoFlags Flags)>> Awaited(ValueTask<WasiResult<uint>> pending) => WithFlags(await pending.ConfigureAwait(false));
    }

    private static WasiResult<(uint Length, RoFlags Flags)> WithFlags(WasiResult<uint> result) =>
        result.IsSuccess ? (result.Value, RoFlags.None) : result.Errno;

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> SockSend(int fd, IovecArray iovs, SiFlags flags, CancellationToken cancellationToken) =>
        TryGetSocket(fd, Rights.FdWrite, out var socket) is var e && e != Errno.Success
            ? new(new WasiResult<uint>(e, 0))
            : socket.SendAsync(iovs, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockShutdown(int fd, SdFlags how, CancellationToken cancellationToken) =>
        new(TryGetSocket(fd, Rights.SockShutdown, out var socket) is var e && e != Errno.Success
            ? e
            : how == SdFlags.None ? Errno.Inval : socket.Handler.Shutdown(socket.Socket, how));

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<int>> SockOpen(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken)
    {
        if (SocketHandler is not { } handler)
        {
            return Errno.Acces;
        }

        var opened = await handler.OpenAsync(family, kind, cancellationToken).ConfigureAwait(false);
        return opened.IsSuccess ? AddSocket(handler, opened.Value) : opened.Errno;
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> SockBind(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) =>
        TryGetSocket(fd, Rights.None, out var socket) is var e && e != Errno.Success
            ? new(e)
            : socket.Handler.BindAsync(socket.Socket, endPoint, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockConnect(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) =>
        TryGetSocket(fd, Rights.None, out var socket) is var e && e != Errno.Success
            ? new(e)
            : socket.ConnectAsync(endPoint, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockListen(int fd, int backlog, CancellationToken cancellationToken) =>
        TryGetSocket(fd, Rights.None, out var socket) is var e && e != Errno.Success
            ? new(e)
            : socket.Handler.ListenAsync(socket.Socket, backlog, cancellationToken);

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<uint>> SockSendTo(int fd, IovecArray iovs, IPEndPoint endPoint, SiFlags flags, CancellationToken cancellationToken)
    {
        var e = TryGetSocket(fd, Rights.FdWrite, out var socket);
        if (e != Errno.Success)
        {
            return e;
        }

        // A datagram is one message: gather the iovecs.
        if (iovs.Count <= 1)
        {
            var single = await socket.Handler.SendToAsync(socket.Socket, iovs.Count == 0 ? Memory<byte>.Empty : iovs[0], endPoint, socket.NonBlocking, cancellationToken).ConfigureAwait(false);
            return single.IsSuccess ? (uint)single.Value : single.Errno;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(iovs.TotalLength, 1 << 20));
        try
        {
            var length = iovs.CopyTo(buffer);
            var sent = await socket.Handler.SendToAsync(socket.Socket, buffer.AsMemory(0, length), endPoint, socket.NonBlocking, cancellationToken).ConfigureAwait(false);
            return sent.IsSuccess ? (uint)sent.Value : sent.Errno;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<ReceivedDatagram>> SockRecvFrom(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken)
    {
        var e = TryGetSocket(fd, Rights.FdRead, out var socket);
        if (e != Errno.Success)
        {
            return e;
        }

        if (iovs.Count <= 1)
        {
            return await socket.Handler.ReceiveFromAsync(socket.Socket, iovs.Count == 0 ? Memory<byte>.Empty : iovs[0], flags, socket.NonBlocking, cancellationToken).ConfigureAwait(false);
        }

        // Scatter one datagram over the iovecs.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(iovs.TotalLength, 1 << 20));
        try
        {
            var received = await socket.Handler.ReceiveFromAsync(socket.Socket, buffer.AsMemory(0, (int)Math.Min(iovs.TotalLength, buffer.Length)), flags, socket.NonBlocking, cancellationToken).ConfigureAwait(false);
            if (received.IsSuccess)
            {
                iovs.CopyFrom(buffer.AsSpan(0, received.Value.Length));
            }

            return received;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<long>> SockGetOpt(int fd, SocketOption option, CancellationToken cancellationToken)
    {
        var e = TryGetSocket(fd, Rights.None, out var socket);
        if (e != Errno.Success)
        {
            return new(new WasiResult<long>(e, 0));
        }

        // SO_ERROR reports (once) the outcome of a non-blocking connect that has finished.
        if (option == SocketOption.Error && socket.TakeConnectError() is { } connectError)
        {
            return new(new WasiResult<long>(Errno.Success, (long)connectError));
        }

        return new(socket.Handler.GetOption(socket.Socket, option));
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> SockSetOpt(int fd, SocketOption option, long value, CancellationToken cancellationToken)
    {
        var e = TryGetSocket(fd, Rights.None, out var socket);
        if (e != Errno.Success)
        {
            return new(e);
        }

        e = socket.Handler.SetOption(socket.Socket, option, value);
        if (e == Errno.Success && option is SocketOption.ReceiveTimeout or SocketOption.SendTimeout)
        {
            // Enforced here for every handler (microseconds; 0 = no timeout), whatever the handler stores.
            TimeSpan? timeout = value <= 0 ? null : TimeSpan.FromMicroseconds(Math.Min(value, (long)TimeSpan.MaxValue.TotalMicroseconds / 2));
            if (option == SocketOption.ReceiveTimeout)
            {
                socket.ReceiveTimeout = timeout;
            }
            else
            {
                socket.SendTimeout = timeout;
            }
        }

        return new(e);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IPEndPoint>> SockGetLocalAddr(int fd, CancellationToken cancellationToken) =>
        new(TryGetSocket(fd, Rights.None, out var socket) is var e && e != Errno.Success ? e : socket.Handler.GetLocalAddress(socket.Socket));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IPEndPoint>> SockGetPeerAddr(int fd, CancellationToken cancellationToken) =>
        new(TryGetSocket(fd, Rights.None, out var socket) is var e && e != Errno.Success ? e : socket.Handler.GetPeerAddress(socket.Socket));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> SockGetAddrInfo(string? node, string? service, AddressInfoHints hints, int maxResults, CancellationToken cancellationToken) =>
        SocketHandler is { } handler
            ? handler.GetAddressInfoAsync(node, service, hints, cancellationToken)
            : new(new WasiResult<IReadOnlyList<AddressInfo>>(Errno.Acces, null!));

    // poll_oneoff waits for sockets through the generic WasiFile readiness members (WasiSocketFile overrides them).
}
