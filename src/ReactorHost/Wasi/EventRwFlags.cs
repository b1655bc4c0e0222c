namespace ReactorHost.Wasi;

/// <summary>The state of the file descriptor subscribed to with fd_read or fd_write (witx <c>eventrwflags</c>, u16).</summary>
[Flags]
public enum EventRwFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>The peer of this socket has closed or disconnected.</summary>
    FdReadwriteHangup = 1 << 0,
}
