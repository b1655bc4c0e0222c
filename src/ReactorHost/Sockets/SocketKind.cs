namespace ReactorHost.Sockets;

/// <summary>Socket type, with the values of the WasmEdge socket ABI.</summary>
public enum SocketKind : byte
{
    /// <summary>Any type (name resolution only).</summary>
    Any = 0,

    /// <summary>Datagrams (UDP).</summary>
    Datagram = 1,

    /// <summary>A byte stream (TCP).</summary>
    Stream = 2,
}
