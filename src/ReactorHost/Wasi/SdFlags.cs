namespace ReactorHost.Wasi;

/// <summary>Which channels on a socket to shut down (witx <c>sdflags</c>, u8).</summary>
[Flags]
public enum SdFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Disables further receive operations.</summary>
    Rd = 1 << 0,

    /// <summary>Disables further send operations.</summary>
    Wr = 1 << 1,
}
