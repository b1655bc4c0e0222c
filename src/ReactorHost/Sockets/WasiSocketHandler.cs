using System.Net;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>
/// How a guest's sockets behave: every socket operation is an (async) virtual member taking the
/// <see cref="WasiSocket"/> it acts on, so a handler can be implemented from scratch or wrapped
/// (<see cref="DelegatingSocketHandler"/>: logging, policy, relays). Members answer
/// <see cref="Errno.Nosys"/> unless overridden.
/// Implementations: <see cref="NetSocketHandler"/> (System.Net.Sockets, async I/O),
/// <see cref="LoopbackSocketHandler"/> (in memory), <see cref="SocketPolicyHandler"/> (allow/deny
/// rules and connection limits).
/// </summary>
/// <remarks>
/// A guest issues one operation at a time, but a handler may serve several guests, so handlers
/// must be thread-safe. Buffers are views of guest memory, valid until the returned task completes.
/// <c>nonBlocking</c> operations must complete without waiting and answer <see cref="Errno.Again"/>
/// when they would block.
/// </remarks>
public abstract class WasiSocketHandler
{
    /// <summary>Opens a socket (<c>sock_open</c>).</summary>
    public virtual ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken) =>
        new(new WasiResult<WasiSocket>(Errno.Nosys, null!));

    /// <summary>Binds to a local address (<c>sock_bind</c>).</summary>
    public virtual ValueTask<Errno> BindAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken) => new(Errno.Nosys);

    /// <summary>Starts listening (<c>sock_listen</c>).</summary>
    public virtual ValueTask<Errno> ListenAsync(WasiSocket socket, int backlog, CancellationToken cancellationToken) => new(Errno.Nosys);

    /// <summary>Accepts a connection (<c>sock_accept</c>).</summary>
    public virtual ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken) =>
        new(new WasiResult<WasiSocket>(Errno.Nosys, null!));

    /// <summary>Connects to a remote address (<c>sock_connect</c>).</summary>
    public virtual ValueTask<Errno> ConnectAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken) => new(Errno.Nosys);

    /// <summary>Sends bytes on a connected socket; returns how many were sent (<c>sock_send</c>, <c>fd_write</c>).</summary>
    public virtual ValueTask<WasiResult<int>> SendAsync(WasiSocket socket, ReadOnlyMemory<byte> data, bool nonBlocking, CancellationToken cancellationToken) =>
        new(new WasiResult<int>(Errno.Nosys, 0));

    /// <summary>Receives bytes; 0 means end of stream (<c>sock_recv</c>, <c>fd_read</c>).</summary>
    public virtual ValueTask<WasiResult<int>> ReceiveAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken) =>
        new(new WasiResult<int>(Errno.Nosys, 0));

    /// <summary>Sends a datagram to <paramref name="endPoint"/> (<c>sock_send_to</c>).</summary>
    public virtual ValueTask<WasiResult<int>> SendToAsync(WasiSocket socket, ReadOnlyMemory<byte> data, IPEndPoint endPoint, bool nonBlocking, CancellationToken cancellationToken) =>
        new(new WasiResult<int>(Errno.Nosys, 0));

    /// <summary>Receives a datagram and its sender (<c>sock_recv_from</c>).</summary>
    public virtual ValueTask<WasiResult<ReceivedDatagram>> ReceiveFromAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken) =>
        new(new WasiResult<ReceivedDatagram>(Errno.Nosys, default));

    /// <summary>Shuts down one or both directions (<c>sock_shutdown</c>).</summary>
    public virtual Errno Shutdown(WasiSocket socket, SdFlags how) => Errno.Nosys;

    /// <summary>Reads an option (<c>sock_getsockopt</c>).</summary>
    public virtual WasiResult<long> GetOption(WasiSocket socket, SocketOption option) => Errno.Nosys;

    /// <summary>Sets an option (<c>sock_setsockopt</c>).</summary>
    public virtual Errno SetOption(WasiSocket socket, SocketOption option, long value) => Errno.Nosys;

    /// <summary>The local address (<c>sock_getlocaladdr</c>).</summary>
    public virtual WasiResult<IPEndPoint> GetLocalAddress(WasiSocket socket) => Errno.Nosys;

    /// <summary>The peer address (<c>sock_getpeeraddr</c>).</summary>
    public virtual WasiResult<IPEndPoint> GetPeerAddress(WasiSocket socket) => Errno.Nosys;

    /// <summary>Closes the socket (its last fd was closed, or the guest ended).</summary>
    public virtual void Close(WasiSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.Dispose();
    }

    /// <summary>
    /// Resolves a node and a service into socket addresses (<c>sock_getaddrinfo</c>) with the full
    /// getaddrinfo semantics (flags, family/type/protocol filters, numeric forms, well-known
    /// services, passive/loopback defaults, V4MAPPED/ALL, canonical name). Host names go through
    /// <see cref="ResolveHostAsync"/>; override that to change only the lookup.
    /// </summary>
    public virtual ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> GetAddressInfoAsync(string? node, string? service, AddressInfoHints hints, CancellationToken cancellationToken) =>
        AddressInfoResolver.ResolveAsync(this, node, service, hints, cancellationToken);

    /// <summary>Looks up a host name (not a numeric address). The default answers <see cref="SocketErrno.AiNoName"/>.</summary>
    public virtual ValueTask<WasiResult<HostResolution>> ResolveHostAsync(string host, CancellationToken cancellationToken) =>
        new(new WasiResult<HostResolution>(SocketErrno.AiNoName, null!));
}
