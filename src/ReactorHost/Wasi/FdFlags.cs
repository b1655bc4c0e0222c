namespace ReactorHost.Wasi;

/// <summary>File descriptor flags (witx <c>fdflags</c>, u16).</summary>
[Flags]
public enum FdFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Append mode: Data written to the file is always appended to the file's end.</summary>
    Append = 1 << 0,

    /// <summary>Write according to synchronized I/O data integrity completion. Only the data</summary>
    Dsync = 1 << 1,

    /// <summary>Non-blocking mode.</summary>
    Nonblock = 1 << 2,

    /// <summary>Synchronized read I/O operations.</summary>
    Rsync = 1 << 3,

    /// <summary>Write according to synchronized I/O file integrity completion. In addition to</summary>
    Sync = 1 << 4,
}
