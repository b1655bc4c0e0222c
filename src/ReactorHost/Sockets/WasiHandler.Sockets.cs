using System.Net;
using ReactorHost.Sockets;

namespace ReactorHost.Wasi;

// The WasmEdge socket extension (sock_open ... sock_getaddrinfo): decoded by SyscallExecutor,
// implemented by StandardWasiHandler over a WasiSocketHandler. See docs/sockets.md.
public abstract partial class WasiHandler
{
    /// <summary><c>sock_open</c>: a new socket fd.</summary>
    public virtual ValueTask<WasiResult<int>> SockOpen(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken) => NotSupportedResult<int>();

    /// <summary><c>sock_bind</c>.</summary>
    public virtual ValueTask<Errno> SockBind(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>sock_connect</c>.</summary>
    public virtual ValueTask<Errno> SockConnect(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>sock_listen</c>.</summary>
    public virtual ValueTask<Errno> SockListen(int fd, int backlog, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>sock_send_to</c>: bytes sent.</summary>
    public virtual ValueTask<WasiResult<uint>> SockSendTo(int fd, IovecArray iovs, IPEndPoint endPoint, SiFlags flags, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>sock_recv_from</c>: bytes received, flags and sender.</summary>
    public virtual ValueTask<WasiResult<ReceivedDatagram>> SockRecvFrom(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken) => NotSupportedResult<ReceivedDatagram>();

    /// <summary><c>sock_getsockopt</c> (level SOL_SOCKET; see <see cref="SocketOption"/> for value units).</summary>
    public virtual ValueTask<WasiResult<long>> SockGetOpt(int fd, SocketOption option, CancellationToken cancellationToken) => NotSupportedResult<long>();

    /// <summary><c>sock_setsockopt</c>.</summary>
    public virtual ValueTask<Errno> SockSetOpt(int fd, SocketOption option, long value, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>sock_getlocaladdr</c>.</summary>
    public virtual ValueTask<WasiResult<IPEndPoint>> SockGetLocalAddr(int fd, CancellationToken cancellationToken) => NotSupportedResult<IPEndPoint>();

    /// <summary><c>sock_getpeeraddr</c>.</summary>
    public virtual ValueTask<WasiResult<IPEndPoint>> SockGetPeerAddr(int fd, CancellationToken cancellationToken) => NotSupportedResult<IPEndPoint>();

    /// <summary><c>sock_getaddrinfo</c>: at most <paramref name="maxResults"/> results are delivered.</summary>
    public virtual ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> SockGetAddrInfo(string? node, string? service, AddressInfoHints hints, int maxResults, CancellationToken cancellationToken) =>
        NotSupportedResult<IReadOnlyList<AddressInfo>>();
}
