using System.Net;
using System.Net.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>
/// An in-memory network for tests and sandboxes: sockets of this handler reach only each other
/// (any address, one port space per handler), never the host's network. TCP semantics (listen
/// backlog, bounded send buffers with back-pressure, end of stream, EPIPE, ECONNREFUSED) and UDP
/// datagrams (with truncation) are modelled; names resolve through <see cref="Hosts"/>.
/// Thread-safe: several guests sharing one instance can talk to each other.
/// </summary>
public class LoopbackSocketHandler : WasiSocketHandler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(IPAddress Address, int Port, SocketKind Kind), LoopbackSocket> _bound = [];
    private int _nextPort = 49152;

    /// <summary>Bytes each direction of a connection buffers before a sender blocks. Default 256 KiB.</summary>
    public int BufferSize { get; init; } = 256 * 1024;

    /// <summary>Host names and their addresses (<c>localhost</c> is predefined).</summary>
    public IDictionary<string, IPAddress[]> Hosts { get; } = new Dictionary<string, IPAddress[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
    };

    /// <summary>Sockets currently bound (listeners and datagram ports).</summary>
    public int BoundCount
    {
        get
        {
            lock (_lock)
            {
                return _bound.Count;
            }
        }
    }

    /// <summary>Opens a socket from the host side (e.g. a test client of a guest server).</summary>
    public LoopbackSocket CreateSocket(SocketAddressFamily family, SocketKind kind)
    {
        var socket = new LoopbackSocket(this, family, kind);
        if (kind == SocketKind.Datagram)
        {
            socket.Datagrams = new LoopbackQueue<(byte[], IPEndPoint)>();
        }

        return socket;
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken)
    {
        if (family is not (SocketAddressFamily.Inet4 or SocketAddressFamily.Inet6))
        {
            return new(new WasiResult<WasiSocket>(Errno.Afnosupport, null!));
        }

        if (kind is not (SocketKind.Stream or SocketKind.Datagram))
        {
            return new(new WasiResult<WasiSocket>(Errno.Prototype, null!));
        }

        return new(new WasiResult<WasiSocket>(Errno.Success, CreateSocket(family, kind)));
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> BindAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!TryGet(socket, out var s, out var e))
        {
            return new(e);
        }

        if (s.LocalEndPoint is not null)
        {
            return new(Errno.Inval);
        }

        if (FamilyOf(endPoint.Address) != s.Family)
        {
            return new(Errno.Afnosupport);
        }

        return new(Register(s, endPoint));
    }

    private Errno Register(LoopbackSocket socket, IPEndPoint endPoint)
    {
        lock (_lock)
        {
            var port = endPoint.Port;
            if (port == 0)
            {
                do
                {
                    port = _nextPort;
                    _nextPort = _nextPort >= 65535 ? 49152 : _nextPort + 1;
                }
                while (IsTaken(endPoint.Address, port, socket.Kind));
            }
            else if (IsTaken(endPoint.Address, port, socket.Kind))
            {
                return Errno.Addrinuse;
            }

            var local = new IPEndPoint(endPoint.Address, port);
            _bound[(local.Address, port, socket.Kind)] = socket;
            socket.LocalEndPoint = local;
            return Errno.Success;
        }
    }

    private bool IsTaken(IPAddress address, int port, SocketKind kind)
    {
        foreach (var key in _bound.Keys)
        {
            if (key.Port == port && key.Kind == kind && (key.Address.Equals(address) || IsWildcard(key.Address) || IsWildcard(address)))
            {
                return true;
            }
        }

        return false;
    }

    private LoopbackSocket? Find(IPEndPoint target, SocketKind kind)
    {
        lock (_lock)
        {
            var address = target.Address.IsIPv4MappedToIPv6 ? target.Address.MapToIPv4() : target.Address;
            if (_bound.TryGetValue((address, target.Port, kind), out var exact))
            {
                return exact;
            }

            var wildcard = address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            return _bound.TryGetValue((wildcard, target.Port, kind), out var any) ? any : null;
        }
    }

    internal void Unregister(LoopbackSocket socket)
    {
        if (socket.LocalEndPoint is not { } local)
        {
            return;
        }

        lock (_lock)
        {
            var key = (local.Address, local.Port, socket.Kind);
            if (_bound.TryGetValue(key, out var owner) && ReferenceEquals(owner, socket))
            {
                _bound.Remove(key);
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> ListenAsync(WasiSocket socket, int backlog, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return new(e);
        }

        if (s.Kind != SocketKind.Stream || s.RemoteEndPoint is not null)
        {
            return new(s.Kind != SocketKind.Stream ? Errno.Notsup : Errno.Isconn);
        }

        if (s.LocalEndPoint is null)
        {
            var bind = Register(s, new IPEndPoint(s.Family == SocketAddressFamily.Inet6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            if (bind != Errno.Success)
            {
                return new(bind);
            }
        }

        s.Pending ??= new LoopbackQueue<LoopbackSocket>();
        s.Pending.Capacity = backlog > 0 ? backlog : 128;
        return new(Errno.Success);
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        if (s.Pending is not { } pending)
        {
            return Errno.Inval;
        }

        while (true)
        {
            if (pending.TryDequeue(out var connection))
            {
                return connection;
            }

            if (s.IsDisposed)
            {
                return Errno.Badf;
            }

            if (nonBlocking)
            {
                return Errno.Again;
            }

            await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> ConnectAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!TryGet(socket, out var s, out var e))
        {
            return new(e);
        }

        if (s.RemoteEndPoint is not null && s.Kind == SocketKind.Stream)
        {
            return new(Errno.Isconn);
        }

        if (s.IsListening)
        {
            return new(Errno.Inval);
        }

        if (s.LocalEndPoint is null)
        {
            var loopback = s.Family == SocketAddressFamily.Inet6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            if (s.Kind == SocketKind.Datagram)
            {
                var bind = Register(s, new IPEndPoint(loopback, 0));
                if (bind != Errno.Success)
                {
                    return new(bind);
                }
            }
            else
            {
                lock (_lock)
                {
                    s.LocalEndPoint = new IPEndPoint(loopback, _nextPort);
                    _nextPort = _nextPort >= 65535 ? 49152 : _nextPort + 1;
                }
            }
        }

        if (s.Kind == SocketKind.Datagram)
        {
            s.RemoteEndPoint = endPoint;
            return new(Errno.Success);
        }

        if (Find(endPoint, SocketKind.Stream) is not { Pending: { } backlog } listener || listener.IsDisposed)
        {
            return new(Errno.Connrefused);
        }

        var toServer = new LoopbackPipe(BufferSize);
        var toClient = new LoopbackPipe(BufferSize);
        var server = new LoopbackSocket(this, listener.Family, SocketKind.Stream)
        {
            LocalEndPoint = endPoint,
            RemoteEndPoint = s.LocalEndPoint,
            Input = toServer,
            Output = toClient,
        };
        if (!backlog.TryEnqueue(server))
        {
            return new(Errno.Connrefused);
        }

        s.RemoteEndPoint = endPoint;
        s.Input = toClient;
        s.Output = toServer;
        return new(Errno.Success);
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<int>> SendAsync(WasiSocket socket, ReadOnlyMemory<byte> data, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        if (s.Kind == SocketKind.Datagram)
        {
            return s.RemoteEndPoint is { } peer ? await SendToAsync(s, data, peer, nonBlocking, cancellationToken).ConfigureAwait(false) : Errno.Destaddrreq;
        }

        if (s.Output is not { } output)
        {
            return Errno.Notconn;
        }

        if (s.WriteShutdown)
        {
            return Errno.Pipe;
        }

        var sent = 0;
        while (sent < data.Length || data.IsEmpty)
        {
            var n = output.TryWrite(data.Span[sent..]);
            if (n == LoopbackPipe.Broken)
            {
                return sent > 0 ? sent : Errno.Pipe;
            }

            if (n == LoopbackPipe.WouldBlock)
            {
                if (nonBlocking)
                {
                    return sent > 0 ? sent : Errno.Again;
                }

                await output.WaitWritableAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            sent += n;
            if (data.IsEmpty)
            {
                break;
            }
        }

        return sent;
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<int>> ReceiveAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        if (s.Kind == SocketKind.Datagram)
        {
            var datagram = await ReceiveFromAsync(s, buffer, flags, nonBlocking, cancellationToken).ConfigureAwait(false);
            return datagram.IsSuccess ? datagram.Value.Length : datagram.Errno;
        }

        if (s.Input is not { } input)
        {
            return Errno.Notconn;
        }

        if (s.ReadShutdown)
        {
            return 0;
        }

        var peek = (flags & RiFlags.RecvPeek) != 0;
        var waitAll = (flags & RiFlags.RecvWaitall) != 0 && !peek;
        var total = 0;
        while (true)
        {
            var n = input.TryRead(buffer.Span[total..], peek);
            if (n == LoopbackPipe.WouldBlock)
            {
                if (nonBlocking || total > 0 && !waitAll)
                {
                    return total > 0 ? total : Errno.Again;
                }

                await input.WaitReadableAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            total += n;
            if (n == 0 || !waitAll || total == buffer.Length)
            {
                return total;
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SendToAsync(WasiSocket socket, ReadOnlyMemory<byte> data, IPEndPoint endPoint, bool nonBlocking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!TryGet(socket, out var s, out var e))
        {
            return new(new WasiResult<int>(e, 0));
        }

        if (s.Kind != SocketKind.Datagram)
        {
            return s.RemoteEndPoint is null ? new(new WasiResult<int>(Errno.Notconn, 0)) : SendAsync(s, data, nonBlocking, cancellationToken);
        }

        if (s.LocalEndPoint is null)
        {
            var bind = Register(s, new IPEndPoint(s.Family == SocketAddressFamily.Inet6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
            if (bind != Errno.Success)
            {
                return new(new WasiResult<int>(bind, 0));
            }
        }

        // Like UDP: a datagram to nobody, or to a full queue, is silently lost.
        if (Find(endPoint, SocketKind.Datagram) is { Datagrams: { } queue })
        {
            queue.TryEnqueue((data.ToArray(), s.LocalEndPoint!));
        }

        return new(new WasiResult<int>(Errno.Success, data.Length));
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<ReceivedDatagram>> ReceiveFromAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        if (s.Datagrams is not { } queue)
        {
            var received = await ReceiveAsync(s, buffer, flags, nonBlocking, cancellationToken).ConfigureAwait(false);
            return received.IsSuccess ? new ReceivedDatagram(received.Value, RoFlags.None, s.RemoteEndPoint!) : received.Errno;
        }

        while (true)
        {
            var peek = (flags & RiFlags.RecvPeek) != 0;
            if (peek ? queue.TryPeek(out var item) : queue.TryDequeue(out item))
            {
                var n = Math.Min(item.Data.Length, buffer.Length);
                item.Data.AsSpan(0, n).CopyTo(buffer.Span);
                return new ReceivedDatagram(n, n < item.Data.Length ? RoFlags.RecvDataTruncated : RoFlags.None, item.From);
            }

            if (s.IsDisposed)
            {
                return Errno.Badf;
            }

            if (nonBlocking)
            {
                return Errno.Again;
            }

            await queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override Errno Shutdown(WasiSocket socket, SdFlags how)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        if (s.Output is null)
        {
            return Errno.Notconn;
        }

        if ((how & SdFlags.Rd) != 0)
        {
            s.ReadShutdown = true;
        }

        if ((how & SdFlags.Wr) != 0)
        {
            s.WriteShutdown = true;
            s.Output.CloseWriter();
        }

        return Errno.Success;
    }

    /// <inheritdoc/>
    public override WasiResult<long> GetOption(WasiSocket socket, SocketOption option)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        return option switch
        {
            SocketOption.Type => (long)s.Kind,
            SocketOption.Error => 0,
            SocketOption.AcceptConnections => s.IsListening ? 1 : 0,
            SocketOption.BindToDevice => Errno.Notsup,
            SocketOption.SendBuffer or SocketOption.ReceiveBuffer when !s.Options.ContainsKey(option) => BufferSize,
            SocketOption.Linger when !s.Options.ContainsKey(option) => -1,
            _ when option is >= SocketOption.ReuseAddress and <= SocketOption.AcceptConnections => s.Options.GetValueOrDefault(option),
            _ => Errno.Noprotoopt,
        };
    }

    /// <inheritdoc/>
    public override Errno SetOption(WasiSocket socket, SocketOption option, long value)
    {
        if (!TryGet(socket, out var s, out var e))
        {
            return e;
        }

        switch (option)
        {
            case SocketOption.Type or SocketOption.Error or SocketOption.AcceptConnections:
                return Errno.Noprotoopt;
            case SocketOption.BindToDevice:
                return Errno.Notsup;
            case >= SocketOption.ReuseAddress and <= SocketOption.SendTimeout:
                s.Options[option] = value;
                return Errno.Success;
            default:
                return Errno.Noprotoopt;
        }
    }

    /// <inheritdoc/>
    public override WasiResult<IPEndPoint> GetLocalAddress(WasiSocket socket) =>
        !TryGet(socket, out var s, out var e) ? e
        : s.LocalEndPoint ?? new IPEndPoint(s.Family == SocketAddressFamily.Inet6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    /// <inheritdoc/>
    public override WasiResult<IPEndPoint> GetPeerAddress(WasiSocket socket) =>
        !TryGet(socket, out var s, out var e) ? e
        : s.RemoteEndPoint is { } remote ? remote : Errno.Notconn;

    /// <inheritdoc/>
    public override ValueTask<WasiResult<HostResolution>> ResolveHostAsync(string host, CancellationToken cancellationToken) =>
        new(Hosts.TryGetValue(host, out var addresses)
            ? new WasiResult<HostResolution>(Errno.Success, new HostResolution(addresses, host))
            : new WasiResult<HostResolution>(SocketErrno.AiNoName, null!));

    private static SocketAddressFamily FamilyOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? SocketAddressFamily.Inet6 : SocketAddressFamily.Inet4;

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private bool TryGet(WasiSocket socket, out LoopbackSocket loopback, out Errno errno)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket is LoopbackSocket s && ReferenceEquals(s.Owner, this) && !s.IsDisposed)
        {
            loopback = s;
            errno = Errno.Success;
            return true;
        }

        loopback = null!;
        errno = socket.IsDisposed ? Errno.Badf : Errno.Notsock;
        return false;
    }
}
