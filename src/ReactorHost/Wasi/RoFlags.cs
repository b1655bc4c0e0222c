namespace ReactorHost.Wasi;

/// <summary>Flags returned by sock_recv (witx <c>roflags</c>, u16).</summary>
[Flags]
public enum RoFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Returned by [`sock_recv`](#sock_recv): Message data has been truncated.</summary>
    RecvDataTruncated = 1 << 0,
}
