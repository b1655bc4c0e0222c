using System.Net;
using ReactorHost.Sockets;

namespace ReactorHost.Wasi;

public partial class DelegatingWasiHandler
{
    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SockOpen(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken) => Inner.SockOpen(family, kind, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockBind(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) => Inner.SockBind(fd, endPoint, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockConnect(int fd, IPEndPoint endPoint, CancellationToken cancellationToken) => Inner.SockConnect(fd, endPoint, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockListen(int fd, int backlog, CancellationToken cancellationToken) => Inner.SockListen(fd, backlog, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> SockSendTo(int fd, IovecArray iovs, IPEndPoint endPoint, SiFlags flags, CancellationToken cancellationToken) => Inner.SockSendTo(fd, iovs, endPoint, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ReceivedDatagram>> SockRecvFrom(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken) => Inner.SockRecvFrom(fd, iovs, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<long>> SockGetOpt(int fd, SocketOption option, CancellationToken cancellationToken) => Inner.SockGetOpt(fd, option, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockSetOpt(int fd, SocketOption option, long value, CancellationToken cancellationToken) => Inner.SockSetOpt(fd, option, value, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IPEndPoint>> SockGetLocalAddr(int fd, CancellationToken cancellationToken) => Inner.SockGetLocalAddr(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IPEndPoint>> SockGetPeerAddr(int fd, CancellationToken cancellationToken) => Inner.SockGetPeerAddr(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> SockGetAddrInfo(string? node, string? service, AddressInfoHints hints, int maxResults, CancellationToken cancellationToken) =>
        Inner.SockGetAddrInfo(node, service, hints, maxResults, cancellationToken);
}
