namespace ReactorHost.Sockets;

/// <summary>Address family of a socket, with the values of the WasmEdge socket ABI.</summary>
public enum SocketAddressFamily : byte
{
    /// <summary>Unspecified (name resolution: any family).</summary>
    Unspecified = 0,

    /// <summary>IPv4.</summary>
    Inet4 = 1,

    /// <summary>IPv6.</summary>
    Inet6 = 2,
}
