using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>
/// Wraps a socket handler with a network policy: allow/deny <see cref="Rules"/> by address, port
/// and direction (first match wins, else <see cref="DefaultAction"/>), a limit on concurrent
/// connections and on open sockets. Every refusal is logged (warning) through the
/// <see cref="ILogger"/>. Denied connect/bind/send_to answer <see cref="DeniedErrno"/>; an
/// incoming connection from a denied peer or beyond the limit is closed at once and the accept
/// keeps waiting (non-blocking: EAGAIN).
/// </summary>
public partial class SocketPolicyHandler : DelegatingSocketHandler
{
    private readonly ConcurrentDictionary<WasiSocket, byte> _connections = new();
    private readonly ConcurrentDictionary<WasiSocket, byte> _sockets = new();
    private int _connectionCount;
    private int _socketCount;

    /// <summary>Wraps <paramref name="inner"/>; refusals go to <paramref name="logger"/>.</summary>
    public SocketPolicyHandler(WasiSocketHandler inner, ILogger? logger = null)
        : base(inner)
    {
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Where refusals are logged.</summary>
    public ILogger Logger { get; }

    /// <summary>The rules, checked in order; the first that matches decides.</summary>
    public IList<SocketRule> Rules { get; } = [];

    /// <summary>The decision when no rule matches. Default: allow.</summary>
    public SocketRuleAction DefaultAction { get; set; } = SocketRuleAction.Allow;

    /// <summary>The errno a denied operation answers. Default EACCES.</summary>
    public Errno DeniedErrno { get; set; } = Errno.Acces;

    /// <summary>Most connections (accepted or connected) open at once, over every guest this handler serves.</summary>
    public int MaxConnections { get; set; } = int.MaxValue;

    /// <summary>Most sockets open at once (sock_open and accept); beyond it sock_open answers EMFILE.</summary>
    public int MaxSockets { get; set; } = int.MaxValue;

    /// <summary>Connections open now.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Sockets open now (through this handler).</summary>
    public int SocketCount => Volatile.Read(ref _socketCount);

    /// <summary>Refusals so far.</summary>
    public int DeniedCount => Volatile.Read(ref _deniedCount);

    private int _deniedCount;

    /// <summary>Whether <paramref name="endPoint"/> is allowed for <paramref name="direction"/>.</summary>
    public bool IsAllowed(IPEndPoint endPoint, SocketDirection direction)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        foreach (var rule in Rules)
        {
            if (rule.Matches(endPoint, direction))
            {
                return rule.Action == SocketRuleAction.Allow;
            }
        }

        return DefaultAction == SocketRuleAction.Allow;
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken)
    {
        if (!TryReserve(ref _socketCount, MaxSockets))
        {
            Refused("open", "-", "socket limit");
            return Errno.Mfile;
        }

        var result = await Inner.OpenAsync(family, kind, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            _sockets[result.Value] = 0;
        }
        else
        {
            Interlocked.Decrement(ref _socketCount);
        }

        return result;
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> BindAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!IsAllowed(endPoint, SocketDirection.Bind))
        {
            Refused("bind", endPoint, "denied by rule");
            return new(DeniedErrno);
        }

        return Inner.BindAsync(socket, endPoint, cancellationToken);
    }

    /// <inheritdoc/>
    public override async ValueTask<Errno> ConnectAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!IsAllowed(endPoint, SocketDirection.Outbound))
        {
            Refused("connect", endPoint, "denied by rule");
            return DeniedErrno;
        }

        var counted = socket.Kind == SocketKind.Stream;
        if (counted && !TryReserve(ref _connectionCount, MaxConnections))
        {
            Refused("connect", endPoint, "connection limit");
            return Errno.Connrefused;
        }

        var e = await Inner.ConnectAsync(socket, endPoint, cancellationToken).ConfigureAwait(false);
        if (counted)
        {
            if (e == Errno.Success && _connections.TryAdd(socket, 0))
            {
                return e;
            }

            Interlocked.Decrement(ref _connectionCount);
        }

        return e;
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken)
    {
        while (true)
        {
            var accepted = await Inner.AcceptAsync(socket, nonBlocking, cancellationToken).ConfigureAwait(false);
            if (!accepted.IsSuccess)
            {
                return accepted;
            }

            var connection = accepted.Value;
            var peer = Inner.GetPeerAddress(connection);
            string? reason = null;
            if (peer.IsSuccess && !IsAllowed(peer.Value, SocketDirection.Inbound))
            {
                reason = "denied by rule";
            }
            else if (!TryReserve(ref _connectionCount, MaxConnections))
            {
                reason = "connection limit";
            }
            else if (!TryReserve(ref _socketCount, MaxSockets))
            {
                Interlocked.Decrement(ref _connectionCount);
                reason = "socket limit";
            }

            if (reason is null)
            {
                _connections[connection] = 0;
                _sockets[connection] = 0;
                return accepted;
            }

            Refused("accept", peer.IsSuccess ? peer.Value : "?", reason);
            Inner.Close(connection);
            if (nonBlocking)
            {
                return Errno.Again;
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SendToAsync(WasiSocket socket, ReadOnlyMemory<byte> data, IPEndPoint endPoint, bool nonBlocking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!IsAllowed(endPoint, SocketDirection.Outbound))
        {
            Refused("send_to", endPoint, "denied by rule");
            return new(new WasiResult<int>(DeniedErrno, 0));
        }

        return Inner.SendToAsync(socket, data, endPoint, nonBlocking, cancellationToken);
    }

    /// <inheritdoc/>
    public override async ValueTask<WasiResult<ReceivedDatagram>> ReceiveFromAsync(WasiSocket socket, Memory<byte> buffer, RiFlags flags, bool nonBlocking, CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await Inner.ReceiveFromAsync(socket, buffer, flags, nonBlocking, cancellationToken).ConfigureAwait(false);
            if (!received.IsSuccess || received.Value.RemoteEndPoint is null || IsAllowed(received.Value.RemoteEndPoint, SocketDirection.Inbound))
            {
                return received;
            }

            // A datagram from a denied peer is dropped (a peeked one stays queued: report it as not there).
            Refused("recv_from", received.Value.RemoteEndPoint, "denied by rule");
            if (nonBlocking || (flags & RiFlags.RecvPeek) != 0)
            {
                return Errno.Again;
            }
        }
    }

    /// <inheritdoc/>
    public override void Close(WasiSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (_connections.TryRemove(socket, out _))
        {
            Interlocked.Decrement(ref _connectionCount);
        }

        if (_sockets.TryRemove(socket, out _))
        {
            Interlocked.Decrement(ref _socketCount);
        }

        Inner.Close(socket);
    }

    private static bool TryReserve(ref int counter, int limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    private void Refused(string operation, object target, string reason)
    {
        Interlocked.Increment(ref _deniedCount);
        LogRefused(Logger, operation, target, reason);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Socket policy refused {Operation} {Target}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string operation, object target, string reason);
}
