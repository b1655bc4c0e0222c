namespace ReactorHost.Sockets;

/// <summary>The hints of a getaddrinfo call.</summary>
/// <param name="Flags">AI_* flags.</param>
/// <param name="Family">Restrict results to one family (<see cref="SocketAddressFamily.Unspecified"/>: any).</param>
/// <param name="Kind">Restrict results to one socket type (<see cref="SocketKind.Any"/>: stream and datagram).</param>
/// <param name="Protocol">Restrict results to one protocol (<see cref="SocketProtocol.IP"/>: any).</param>
public readonly record struct AddressInfoHints(
    AddressInfoFlags Flags = AddressInfoFlags.None,
    SocketAddressFamily Family = SocketAddressFamily.Unspecified,
    SocketKind Kind = SocketKind.Any,
    SocketProtocol Protocol = SocketProtocol.IP);
