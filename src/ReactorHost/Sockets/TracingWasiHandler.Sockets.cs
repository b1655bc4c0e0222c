using System.Diagnostics;
using System.Net;
using ReactorHost.Sockets;

namespace ReactorHost.Wasi;

public sealed partial class TracingWasiHandler
{
    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SockOpen(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken) => Async("sock_open", $"family={family}, kind={kind}", Stopwatch.GetTimestamp(), () => Inner.SockOpen(family, kind, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> SockBind(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) => Async("sock_bind", $"fd={fd}, addr={endPoint}", Stopwatch.GetTimestamp(), () => Inner.SockBind(fd, endPoint, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> SockConnect(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) => Async("sock_connect", $"fd={fd}, addr={endPoint}", Stopwatch.GetTimestamp(), () => Inner.SockConnect(fd, endPoint, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> SockListen(int fd, int backlog, CancellationToken cancellationToken) => Async("sock_listen", $"fd={fd}, backlog={backlog}", Stopwatch.GetTimestamp(), () => Inner.SockListen(fd, backlog, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> SockSendTo(int fd, IovecArray iovs, IPEndPoint endPoint, SiFlags flags, CancellationToken cancellationToken) => Async("sock_send_to", $"fd={fd}, iovs={Describe(iovs)}, addr={endPoint}", Stopwatch.GetTimestamp(), () => Inner.SockSendTo(fd, iovs, endPoint, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ReceivedDatagram>> SockRecvFrom(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken) => Async("sock_recv_from", $"fd={fd}, iovs={Describe(iovs)}, flags={flags}", Stopwatch.GetTimestamp(), () => Inner.SockRecvFrom(fd, iovs, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<long>> SockGetOpt(int fd, SocketOption option, CancellationToken cancellationToken) => Async("sock_getsockopt", $"fd={fd}, option={option}", Stopwatch.GetTimestamp(), () => Inner.SockGetOpt(fd, option, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> SockSetOpt(int fd, SocketOption option, long value, CancellationToken cancellationToken) => Async("sock_setsockopt", $"fd={fd}, option={option}, value={value}", Stopwatch.GetTimestamp(), () => Inner.SockSetOpt(fd, option, value, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IPEndPoint>> SockGetLocalAddr(int fd, CancellationToken cancellationToken) => Async("sock_getlocaladdr", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.SockGetLocalAddr(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IPEndPoint>> SockGetPeerAddr(int fd, CancellationToken cancellationToken) => Async("sock_getpeeraddr", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.SockGetPeerAddr(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> SockGetAddrInfo(string? node, string? service, AddressInfoHints hints, int maxResults, CancellationToken cancellationToken) =>
        Async("sock_getaddrinfo", $"node={node}, service={service}, hints={hints}, max={maxResults}", Stopwatch.GetTimestamp(), () => Inner.SockGetAddrInfo(node, service, hints, maxResults, cancellationToken));
}
