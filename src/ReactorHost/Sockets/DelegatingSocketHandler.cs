using System.Net;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>A socket handler that forwards every operation to <see cref="Inner"/>; derive and override what to intercept.</summary>
public abstract class DelegatingSocketHandler : WasiSocketHandler
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    protected DelegatingSocketHandler(WasiSocketHandler inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The wrapped handler.</summary>
    public WasiSocketHandler Inner { get; }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken) => Inner.OpenAsync(family, kind, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> BindAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken) => Inner.BindAsync(socket, endPoint, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> ListenAsync(WasiSocket socket, int backlog, CancellationToken cancellationToken) => Inner.ListenAsync(socket, backlog, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken) => Inner.AcceptAsync(socket, nonBlocking, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> ConnectAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken) => Inner.ConnectAsync(socket, endPoint, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SendAsync(WasiSocket socket, ReadOnlyMemory<byte> data, bool nonBlocking, CancellationToken cancellationToken) => Inner.SendAsync(socket, data, nonBlocking, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> ReceiveAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken) => Inner.ReceiveAsync(socket, buffer, flags, nonBlocking, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SendToAsync(WasiSocket socket, ReadOnlyMemory<byte> data, IPEndPoint endPoint, bool nonBlocking, CancellationToken cancellationToken) => Inner.SendToAsync(socket, data, endPoint, nonBlocking, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ReceivedDatagram>> ReceiveFromAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken) => Inner.ReceiveFromAsync(socket, buffer, flags, nonBlocking, cancellationToken);

    /// <inheritdoc/>
    public override Errno Shutdown(WasiSocket socket, SdFlags how) => Inner.Shutdown(socket, how);

    /// <inheritdoc/>
    public override WasiResult<long> GetOption(WasiSocket socket, SocketOption option) => Inner.GetOption(socket, option);

    /// <inheritdoc/>
    public override Errno SetOption(WasiSocket socket, SocketOption option, long value) => Inner.SetOption(socket, option, value);

    /// <inheritdoc/>
    public override WasiResult<IPEndPoint> GetLocalAddress(WasiSocket socket) => Inner.GetLocalAddress(socket);

    /// <inheritdoc/>
    public override WasiResult<IPEndPoint> GetPeerAddress(WasiSocket socket) => Inner.GetPeerAddress(socket);

    /// <inheritdoc/>
    public override void Close(WasiSocket socket) => Inner.Close(socket);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> GetAddressInfoAsync(string? node, string? service, AddressInfoHints hints, CancellationToken cancellationToken) =>
        Inner.GetAddressInfoAsync(node, service, hints, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<HostResolution>> ResolveHostAsync(string host, CancellationToken cancellationToken) => Inner.ResolveHostAsync(host, cancellationToken);
}
