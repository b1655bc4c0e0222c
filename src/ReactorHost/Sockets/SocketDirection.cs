namespace ReactorHost.Sockets;

/// <summary>Which operations a <see cref="SocketRule"/> applies to.</summary>
[Flags]
public enum SocketDirection
{
    /// <summary>No operation.</summary>
    None = 0,

    /// <summary>Outgoing: connect and send_to, checked against the remote address.</summary>
    Outbound = 1,

    /// <summary>Bind (and so listen), checked against the local address.</summary>
    Bind = 2,

    /// <summary>Incoming connections and datagrams, checked against the peer's address.</summary>
    Inbound = 4,

    /// <summary>Every operation.</summary>
    Any = Outbound | Bind | Inbound,
}
