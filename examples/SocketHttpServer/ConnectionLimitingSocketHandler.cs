using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using ReactorHost;
using ReactorHost.Sockets;
using ReactorHost.Wasi;

namespace SocketHttpServer;

/// <summary>
/// A custom socket handler: wraps another (here <see cref="NetSocketHandler"/>) and, for every
/// connection the guest accepts, logs it (peer, then bytes and duration when it closes) and
/// enforces a limit on connections open at once. A connection beyond the limit never reaches the
/// guest: the host answers it <c>503 Service Unavailable</c> itself and closes it. The guest may not
/// open sockets of its own: it only serves the listener it was given.
/// </summary>
public sealed partial class ConnectionLimitingSocketHandler(WasiSocketHandler inner, int maxConnections, ILogger<ConnectionLimitingSocketHandler> logger)
    : DelegatingSocketHandler(inner)
{
    private static readonly byte[] Busy = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
    private readonly ConcurrentDictionary<WasiSocket, Connection> _connections = new();
    private int _active;
    private long _nextId;
    private long _refused;

    /// <summary>Connections open now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Connections answered 503 so far.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    public int MaxConnections { get; } = maxConnections;

    public override ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken)
    {
        LogOpenDenied(logger, family, kind);
        return new(new WasiResult<WasiSocket>(Errno.Acces, null!));
    }

    public override async ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken)
    {
        while (true)
        {
            var accepted = await Inner.AcceptAsync(socket, nonBlocking, cancellationToken);
            if (!accepted.IsSuccess)
            {
                return accepted;
            }

            var connection = accepted.Value;
            var peer = Inner.GetPeerAddress(connection) is { IsSuccess: true } p ? p.Value : null;
            var active = Interlocked.Increment(ref _active);
            if (active <= MaxConnections)
            {
                var info = new Connection(Interlocked.Increment(ref _nextId), peer);
                _connections[connection] = info;
                LogAccepted(logger, info.Id, peer, active, MaxConnections);
                return accepted;
            }

            Interlocked.Decrement(ref _active);
            Interlocked.Increment(ref _refused);
            LogRefused(logger, peer, MaxConnections);
            await RefuseAsync(connection, cancellationToken);
            if (nonBlocking)
            {
                return Errno.Again; // nothing for the guest; it goes back to poll
            }
        }
    }

    public override async ValueTask<WasiResult<int>> ReceiveAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        var result = await Inner.ReceiveAsync(socket, buffer, flags, nonBlocking, cancellationToken);
        if (result.IsSuccess && _connections.TryGetValue(socket, out var info))
        {
            Interlocked.Add(ref info.Received, result.Value);
        }

        return result;
    }

    public override async ValueTask<WasiResult<int>> SendAsync(WasiSocket socket, ReadOnlyMemory<byte> data, bool nonBlocking, CancellationToken cancellationToken)
    {
        var result = await Inner.SendAsync(socket, data, nonBlocking, cancellationToken);
        if (result.IsSuccess && _connections.TryGetValue(socket, out var info))
        {
            Interlocked.Add(ref info.Sent, result.Value);
        }

        return result;
    }

    public override void Close(WasiSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (_connections.TryRemove(socket, out var info))
        {
            var active = Interlocked.Decrement(ref _active);
            var received = Interlocked.Read(ref info.Received);
            var sent = Interlocked.Read(ref info.Sent);
            var milliseconds = info.Clock.Elapsed.TotalMilliseconds;
            LogClosed(logger, info.Id, info.Peer, received, sent, milliseconds, active);
        }

        Inner.Close(socket);
    }

    private async Task RefuseAsync(WasiSocket connection, CancellationToken cancellationToken)
    {
        try
        {
            // Drain what the client already sent (closing with unread data would reset the connection
            // and could destroy the answer), answer, then close our side.
            var scratch = new byte[4096];
            while (await Inner.ReceiveAsync(connection, scratch, RiFlags.None, nonBlocking: true, cancellationToken) is { IsSuccess: true, Value: > 0 })
            {
            }

            await Inner.SendAsync(connection, Busy, nonBlocking: true, cancellationToken);
            Inner.Shutdown(connection, SdFlags.Wr);
        }
        finally
        {
            Inner.Close(connection);
        }
    }

    private sealed class Connection(long id, IPEndPoint? peer)
    {
        public long Received;
        public long Sent;

        public long Id { get; } = id;

        public IPEndPoint? Peer { get; } = peer;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connection #{Id} from {Peer} accepted ({Active}/{Max} open)")]
    private static partial void LogAccepted(ILogger logger, long id, IPEndPoint? peer, int active, int max);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connection #{Id} from {Peer} closed: {Received} bytes in, {Sent} bytes out, {Milliseconds:0.0} ms ({Active} open)")]
    private static partial void LogClosed(ILogger logger, long id, IPEndPoint? peer, long received, long sent, double milliseconds, int active);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Connection from {Peer} refused: {Max} connections open already (503 sent)")]
    private static partial void LogRefused(ILogger logger, IPEndPoint? peer, int max);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Guest tried to open a {Family} {Kind} socket: denied")]
    private static partial void LogOpenDenied(ILogger logger, SocketAddressFamily family, SocketKind kind);
}
