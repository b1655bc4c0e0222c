namespace ReactorHost.Wasi;

/// <summary>The position relative to which to set the offset of the file descriptor (witx <c>whence</c>, u8).</summary>
public enum Whence : byte
{
    /// <summary>Seek relative to start-of-file.</summary>
    Set = 0,

    /// <summary>Seek relative to current position.</summary>
    Cur = 1,

    /// <summary>Seek relative to end-of-file.</summary>
    End = 2,
}
