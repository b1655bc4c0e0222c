using System.Net;

namespace ReactorHost.Sockets;

/// <summary>One getaddrinfo result.</summary>
/// <param name="Family">The address family.</param>
/// <param name="Kind">The socket type to use with it.</param>
/// <param name="Protocol">The protocol.</param>
/// <param name="EndPoint">The address and port.</param>
/// <param name="CanonicalName">The canonical host name (first result, with AI_CANONNAME), otherwise null.</param>
public sealed record AddressInfo(SocketAddressFamily Family, SocketKind Kind, SocketProtocol Protocol, IPEndPoint EndPoint, string? CanonicalName = null);
