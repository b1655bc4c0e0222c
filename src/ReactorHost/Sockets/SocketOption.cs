namespace ReactorHost.Sockets;

/// <summary>
/// Socket options (level <c>SOL_SOCKET</c> = 0), with the values of the WasmEdge socket ABI. Values
/// are integers: booleans are 0/1, sizes in bytes, <see cref="Linger"/> in seconds (negative = off),
/// <see cref="ReceiveTimeout"/>/<see cref="SendTimeout"/> in microseconds (0 = none).
/// </summary>
public enum SocketOption
{
    /// <summary><c>SO_REUSEADDR</c>.</summary>
    ReuseAddress = 0,

    /// <summary><c>SO_TYPE</c> (read-only: a <see cref="SocketKind"/>).</summary>
    Type = 1,

    /// <summary><c>SO_ERROR</c> (read-only: the pending errno, cleared by reading).</summary>
    Error = 2,

    /// <summary><c>SO_DONTROUTE</c>.</summary>
    DontRoute = 3,

    /// <summary><c>SO_BROADCAST</c>.</summary>
    Broadcast = 4,

    /// <summary><c>SO_SNDBUF</c>.</summary>
    SendBuffer = 5,

    /// <summary><c>SO_RCVBUF</c>.</summary>
    ReceiveBuffer = 6,

    /// <summary><c>SO_KEEPALIVE</c>.</summary>
    KeepAlive = 7,

    /// <summary><c>SO_OOBINLINE</c>.</summary>
    OutOfBandInline = 8,

    /// <summary><c>SO_LINGER</c> (seconds; negative = off).</summary>
    Linger = 9,

    /// <summary><c>SO_RCVLOWAT</c>.</summary>
    ReceiveLowWater = 10,

    /// <summary><c>SO_RCVTIMEO</c> (microseconds; 0 = none).</summary>
    ReceiveTimeout = 11,

    /// <summary><c>SO_SNDTIMEO</c> (microseconds; 0 = none).</summary>
    SendTimeout = 12,

    /// <summary><c>SO_ACCEPTCONN</c> (read-only: 1 when listening).</summary>
    AcceptConnections = 13,

    /// <summary><c>SO_BINDTODEVICE</c> (not supported).</summary>
    BindToDevice = 14,
}
