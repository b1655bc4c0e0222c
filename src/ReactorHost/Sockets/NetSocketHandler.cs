using System.Net;
using System.Net.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>
/// The default socket handler: real TCP/UDP sockets through System.Net.Sockets with async I/O (a
/// blocked guest holds no thread-pool thread), host name lookup through <see cref="Dns"/>.
/// Sockets are <see cref="NetSocket"/>s. Thread-safe; one instance can serve many guests.
/// </summary>
public class NetSocketHandler : WasiSocketHandler
{
    /// <summary>Disable Nagle's algorithm on TCP sockets (default true: guests are usually request/response servers).</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>The backlog used when a guest passes 0 or a negative value to listen.</summary>
    public int DefaultBacklog { get; init; } = 128;

    /// <summary>Wraps an existing host socket (e.g. one the host created and hands to the guest).</summary>
    public static NetSocket Adopt(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var family = socket.AddressFamily == AddressFamily.InterNetworkV6 ? SocketAddressFamily.Inet6 : SocketAddressFamily.Inet4;
        var kind = socket.SocketType == SocketType.Dgram ? SocketKind.Datagram : SocketKind.Stream;
        var listening = false;
        if (kind == SocketKind.Stream && socket.IsBound)
        {
            try
            {
                listening = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.AcceptConnection)! != 0;
            }
            catch (SocketException)
            {
                // Not known on this platform: assume a bound stream socket handed over is not listening.
            }
        }

        return new NetSocket(socket, family, kind) { IsListening = listening };
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken)
    {
        var addressFamily = family switch
        {
            SocketAddressFamily.Inet4 => AddressFamily.InterNetwork,
            SocketAddressFamily.Inet6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unknown,
        };
        if (addressFamily == AddressFamily.Unknown)
        {
            return Result<WasiSocket>(Errno.Afnosupport);
        }

        if (kind is not (SocketKind.Stream or SocketKind.Datagram))
        {
            return Result<WasiSocket>(Errno.Prototype);
        }

        try
        {
            var socket = kind == SocketKind.Stream
                ? new Socket(addressFamily, SocketType.Stream, ProtocolType.Tcp)
                : new Socket(addressFamily, SocketType.Dgram, ProtocolType.Udp);
            if (kind == SocketKind.Stream && NoDelay)
            {
                socket.NoDelay = true;
            }

            return Result<WasiSocket>(new NetSocket(socket, family, kind));
        }
        catch (SocketException e)
        {
            return Result<WasiSocket>(SocketErrno.FromSocketError(e.SocketErrorCode));
        }
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> BindAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!TryGet(socket, out var net, out var e))
        {
            return new(e);
        }

        return new(Run(() => net.Socket.Bind(endPoint)));
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> ListenAsync(WasiSocket socket, int backlog, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return new(e);
        }

        if (net.Kind != SocketKind.Stream)
        {
            return new(Errno.Notsup);
        }

        e = Run(() => net.Socket.Listen(backlog > 0 ? backlog : DefaultBacklog));
        if (e == Errno.Success)
        {
            net.IsListening = true;
        }

        return new(e);
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        if (!net.IsListening)
        {
            return Errno.Inval;
        }

        try
        {
            Socket accepted;
            if (net.HasPendingAccept)
            {
                var pending = net.TakePendingAccept()!;
                if (nonBlocking && !pending.IsCompleted)
                {
                    // Keep the started accept for later; nothing is ready yet.
                    RestorePending(net, pending);
                    return Errno.Again;
                }

                accepted = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (nonBlocking)
            {
                accepted = net.Socket.Accept();
            }
            else
            {
                accepted = await net.Socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }

            if (NoDelay)
            {
                accepted.NoDelay = true;
            }

            return new NetSocket(accepted, net.Family, SocketKind.Stream);
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    private static void RestorePending(NetSocket net, Task<Socket> pending) => net.RestorePendingAccept(pending);

    /// <inheritdoc/>
    public override async ValueTask<Errno> ConnectAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        try
        {
            await net.Socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return Errno.Success;
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SendAsync(WasiSocket socket, ReadOnlyMemory<byte> data, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return Result<int>(e);
        }

        if (nonBlocking || data.IsEmpty)
        {
            try
            {
                var sent = net.Socket.Send(data.Span, SocketFlags.None, out var error);
                return error == SocketError.Success ? Result<int>(new WasiResult<int>(Errno.Success, sent)) : Result<int>(SocketErrno.FromSocketError(error));
            }
            catch (ObjectDisposedException)
            {
                return Result<int>(Errno.Badf);
            }
        }

        return SendAllAsync(net.Socket, data, cancellationToken);
    }

    private static async ValueTask<WasiResult<int>> SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> ReceiveAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return Result<int>(e);
        }

        var socketFlags = (flags & RiFlags.RecvPeek) != 0 ? SocketFlags.Peek : SocketFlags.None;
        if (nonBlocking || buffer.IsEmpty)
        {
            try
            {
                var received = net.Socket.Receive(buffer.Span, socketFlags, out var error);
                return error == SocketError.Success ? Result<int>(new WasiResult<int>(Errno.Success, received)) : Result<int>(SocketErrno.FromSocketError(error));
            }
            catch (ObjectDisposedException)
            {
                return Result<int>(Errno.Badf);
            }
        }

        return ReceiveCoreAsync(net.Socket, buffer, socketFlags, waitAll: (flags & RiFlags.RecvWaitall) != 0 && socketFlags == SocketFlags.None, cancellationToken);
    }

    private static async ValueTask<WasiResult<int>> ReceiveCoreAsync(Socket socket, Memory<byte> buffer, SocketFlags flags, bool waitAll, CancellationToken cancellationToken)
    {
        try
        {
            var total = 0;
            do
            {
                var received = await socket.ReceiveAsync(buffer[total..], flags, cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                total += received;
            }
            while (waitAll && total < buffer.Length);

            return total;
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<int>> SendToAsync(WasiSocket socket, ReadOnlyMemory<byte> data, IPEndPoint endPoint, bool nonBlocking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        try
        {
            if (nonBlocking)
            {
                return net.Socket.SendTo(data.Span, SocketFlags.None, endPoint);
            }

            return await net.Socket.SendToAsync(data, SocketFlags.None, endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<ReceivedDatagram>> ReceiveFromAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        var socketFlags = (flags & RiFlags.RecvPeek) != 0 ? SocketFlags.Peek : SocketFlags.None;
        EndPoint any = net.Family == SocketAddressFamily.Inet6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        try
        {
            if (nonBlocking)
            {
                if (!net.IsReadable)
                {
                    return Errno.Again;
                }

                var count = net.Socket.ReceiveFrom(buffer.Span, socketFlags, ref any);
                return new ReceivedDatagram(count, RoFlags.None, (IPEndPoint)any);
            }

            var result = await net.Socket.ReceiveFromAsync(buffer, socketFlags, any, cancellationToken).ConfigureAwait(false);
            return new ReceivedDatagram(result.ReceivedBytes, RoFlags.None, (IPEndPoint)result.RemoteEndPoint);
        }
        catch (SocketException se) when (se.SocketErrorCode == SocketError.MessageSize)
        {
            return new ReceivedDatagram(buffer.Length, RoFlags.RecvDataTruncated, (IPEndPoint)any);
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override Errno Shutdown(WasiSocket socket, SdFlags how)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        var direction = how switch
        {
            SdFlags.Rd => SocketShutdown.Receive,
            SdFlags.Wr => SocketShutdown.Send,
            _ => SocketShutdown.Both,
        };
        return Run(() => net.Socket.Shutdown(direction));
    }

    /// <inheritdoc/>
    public override WasiResult<long> GetOption(WasiSocket socket, SocketOption option)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        try
        {
            var s = net.Socket;
            return option switch
            {
                SocketOption.Type => (long)net.Kind,
                SocketOption.Error => (long)SocketErrno.FromSocketError((SocketError)(int)s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!),
                SocketOption.AcceptConnections => net.IsListening ? 1 : 0,
                SocketOption.Linger => s.LingerState is { Enabled: true } linger ? linger.LingerTime : -1,
                SocketOption.ReceiveTimeout => s.ReceiveTimeout * 1000L,
                SocketOption.SendTimeout => s.SendTimeout * 1000L,
                SocketOption.BindToDevice => Errno.Notsup,
                _ when ToNetOption(option) is { } name => (long)(int)s.GetSocketOption(SocketOptionLevel.Socket, name)!,
                _ => Errno.Noprotoopt,
            };
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override Errno SetOption(WasiSocket socket, SocketOption option, long value)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        var s = net.Socket;
        return option switch
        {
            SocketOption.Type or SocketOption.Error or SocketOption.AcceptConnections => Errno.Noprotoopt,
            SocketOption.BindToDevice => Errno.Notsup,
            SocketOption.Linger => Run(() => s.LingerState = value < 0 ? new LingerOption(false, 0) : new LingerOption(true, (int)Math.Min(value, int.MaxValue))),
            SocketOption.ReceiveTimeout => Run(() => s.ReceiveTimeout = (int)Math.Clamp(value / 1000, 0, int.MaxValue)),
            SocketOption.SendTimeout => Run(() => s.SendTimeout = (int)Math.Clamp(value / 1000, 0, int.MaxValue)),
            _ when ToNetOption(option) is { } name => Run(() => s.SetSocketOption(SocketOptionLevel.Socket, name, (int)Math.Clamp(value, int.MinValue, int.MaxValue))),
            _ => Errno.Noprotoopt,
        };
    }

    private static SocketOptionName? ToNetOption(SocketOption option) => option switch
    {
        SocketOption.ReuseAddress => SocketOptionName.ReuseAddress,
        SocketOption.DontRoute => SocketOptionName.DontRoute,
        SocketOption.Broadcast => SocketOptionName.Broadcast,
        SocketOption.SendBuffer => SocketOptionName.SendBuffer,
        SocketOption.ReceiveBuffer => SocketOptionName.ReceiveBuffer,
        SocketOption.KeepAlive => SocketOptionName.KeepAlive,
        SocketOption.OutOfBandInline => SocketOptionName.OutOfBandInline,
        SocketOption.ReceiveLowWater => SocketOptionName.ReceiveLowWater,
        _ => null,
    };

    /// <inheritdoc/>
    public override WasiResult<IPEndPoint> GetLocalAddress(WasiSocket socket)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        try
        {
            return net.Socket.LocalEndPoint as IPEndPoint ?? new IPEndPoint(net.Family == SocketAddressFamily.Inet6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override WasiResult<IPEndPoint> GetPeerAddress(WasiSocket socket)
    {
        if (!TryGet(socket, out var net, out var e))
        {
            return e;
        }

        try
        {
            return net.Socket.RemoteEndPoint is IPEndPoint remote ? remote : Errno.Notconn;
        }
        catch (SocketException se)
        {
            return SocketErrno.FromSocketError(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<HostResolution>> ResolveHostAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await Dns.GetHostEntryAsync(host, AddressFamily.Unspecified, cancellationToken).ConfigureAwait(false);
            return new HostResolution(entry.AddressList, string.IsNullOrEmpty(entry.HostName) ? null : entry.HostName);
        }
        catch (SocketException se)
        {
            return se.SocketErrorCode switch
            {
                SocketError.HostNotFound => SocketErrno.AiNoName,
                SocketError.TryAgain => SocketErrno.AiAgain,
                SocketError.NoData => SocketErrno.AiNoData,
                _ => SocketErrno.AiFail,
            };
        }
        catch (ArgumentException)
        {
            return SocketErrno.AiNoName;
        }
    }

    private static bool TryGet(WasiSocket socket, out NetSocket net, out Errno errno)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket is NetSocket n && !n.IsDisposed)
        {
            net = n;
            errno = Errno.Success;
            return true;
        }

        net = null!;
        errno = socket.IsDisposed ? Errno.Badf : Errno.Notsock;
        return false;
    }

    private static Errno Run(Action action)
    {
        try
        {
            action();
            return Errno.Success;
        }
        catch (SocketException e)
        {
            return SocketErrno.FromSocketError(e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
        catch (ArgumentException)
        {
            return Errno.Inval;
        }
        catch (InvalidOperationException)
        {
            return Errno.Inval;
        }
    }

    private static ValueTask<WasiResult<T>> Result<T>(WasiResult<T> result) => new(result);

    private static ValueTask<WasiResult<T>> Result<T>(Errno errno) => new(new WasiResult<T>(errno, default!));
}
