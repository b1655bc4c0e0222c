namespace ReactorHost.Wasi;

/// <summary>Flags provided to sock_recv (witx <c>riflags</c>, u16).</summary>
[Flags]
public enum RiFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Returns the message without removing it from the socket's receive queue.</summary>
    RecvPeek = 1 << 0,

    /// <summary>On byte-stream sockets, block until the full amount of data can be returned.</summary>
    RecvWaitall = 1 << 1,
}
