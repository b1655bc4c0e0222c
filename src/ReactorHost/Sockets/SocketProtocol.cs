namespace ReactorHost.Sockets;

/// <summary>Protocol of an address-info result, with the values of the WasmEdge socket ABI.</summary>
public enum SocketProtocol : byte
{
    /// <summary>Unspecified (the default for the socket type).</summary>
    IP = 0,

    /// <summary>TCP.</summary>
    Tcp = 1,

    /// <summary>UDP.</summary>
    Udp = 2,
}
