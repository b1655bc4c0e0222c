using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>
/// A socket the guest finds open at start, after the preopened directories (as with
/// <c>reactorhost run --listen</c>/<c>--dial</c>): a listening socket it can <c>sock_accept</c> on,
/// a connection it can read and write, or a socket the host prepared itself.
/// </summary>
public sealed class WasiPreopenedSocket
{
    private readonly Func<WasiSocketHandler, CancellationToken, ValueTask<WasiResult<WasiSocket>>> _open;

    private WasiPreopenedSocket(string description, Func<WasiSocketHandler, CancellationToken, ValueTask<WasiResult<WasiSocket>>> open)
    {
        Description = description;
        _open = open;
    }

    /// <summary>What the socket is (for messages), e.g. <c>listen 127.0.0.1:8080</c>.</summary>
    public string Description { get; }

    /// <summary>The local address of the socket opened for the most recent run (the actual port when 0 was asked for).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>A TCP socket bound to <paramref name="endPoint"/> and listening (port 0: any free port, see <see cref="LocalEndPoint"/>).</summary>
    public static WasiPreopenedSocket Listen(IPEndPoint endPoint, int backlog = 128)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return new($"listen {endPoint}", async (handler, ct) =>
        {
            var opened = await handler.OpenAsync(FamilyOf(endPoint), SocketKind.Stream, ct).ConfigureAwait(false);
            if (!opened.IsSuccess)
            {
                return opened;
            }

            var e = await handler.BindAsync(opened.Value, endPoint, ct).ConfigureAwait(false);
            if (e == Errno.Success)
            {
                e = await handler.ListenAsync(opened.Value, backlog, ct).ConfigureAwait(false);
            }

            if (e != Errno.Success)
            {
                handler.Close(opened.Value);
                return e;
            }

            return opened;
        });
    }

    /// <summary>A TCP connection to <paramref name="endPoint"/>, made before the guest starts.</summary>
    public static WasiPreopenedSocket Dial(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return new($"dial {endPoint}", async (handler, ct) =>
        {
            var opened = await handler.OpenAsync(FamilyOf(endPoint), SocketKind.Stream, ct).ConfigureAwait(false);
            if (!opened.IsSuccess)
            {
                return opened;
            }

            var e = await handler.ConnectAsync(opened.Value, endPoint, ct).ConfigureAwait(false);
            if (e != Errno.Success)
            {
                handler.Close(opened.Value);
                return e;
            }

            return opened;
        });
    }

    /// <summary>A socket the host created (it must belong to the handler that will operate it).</summary>
    public static WasiPreopenedSocket FromSocket(WasiSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new("host socket", (_, _) => new(new WasiResult<WasiSocket>(Errno.Success, socket)));
    }

    /// <summary>Parses <c>HOST:PORT</c> (<c>[v6]:PORT</c> for IPv6; a host name is resolved, IPv4 first).</summary>
    public static IPEndPoint ParseEndPoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPEndPoint.TryParse(text, out var endPoint) && (text.Contains(']', StringComparison.Ordinal) || !text.StartsWith(':')) && text.Contains(':', StringComparison.Ordinal))
        {
            return endPoint;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > ushort.MaxValue)
        {
            throw new FormatException($"'{text}' is not HOST:PORT.");
        }

        var host = text[..colon];
        var addresses = Dns.GetHostAddresses(host);
        var address = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? (addresses.Length > 0 ? addresses[0] : throw new FormatException($"'{host}' has no address."));
        return new IPEndPoint(address, port);
    }

    /// <summary>Opens the socket with <paramref name="handler"/>.</summary>
    public async ValueTask<WasiResult<WasiSocket>> OpenAsync(WasiSocketHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var opened = await _open(handler, cancellationToken).ConfigureAwait(false);
        if (opened.IsSuccess && handler.GetLocalAddress(opened.Value) is { IsSuccess: true } local)
        {
            LocalEndPoint = local.Value;
        }

        return opened;
    }

    private static SocketAddressFamily FamilyOf(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? SocketAddressFamily.Inet6 : SocketAddressFamily.Inet4;
}
