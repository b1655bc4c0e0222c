using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ReactorHost.Sockets;

namespace SocketHttpServer;

/// <summary>
/// The listening socket the guest serves: created by the host (so the app knows the actual port at
/// once, even with port 0) and handed to the guest as a preopened fd.
/// </summary>
public sealed class HttpListenerSocket : IDisposable
{
    private readonly Socket _socket;

    public HttpListenerSocket(IOptions<HttpServerOptions> options)
    {
        var endPoint = WasiPreopenedSocket.ParseEndPoint(options.Value.Listen);
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _socket.Bind(endPoint);
            _socket.Listen(512);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        Socket = NetSocketHandler.Adopt(_socket);
    }

    /// <summary>The address the server listens on (the actual port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The socket as the guest's socket handler sees it.</summary>
    public NetSocket Socket { get; }

    public void Dispose() => Socket.Dispose();
}
