namespace ReactorHost.Wasi;

/// <summary>Which file time attributes to adjust (witx <c>fstflags</c>, u16).</summary>
[Flags]
public enum FstFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Adjust the last data access timestamp to the value stored in [`filestat::atim`](#filestat.atim).</summary>
    Atim = 1 << 0,

    /// <summary>Adjust the last data access timestamp to the time of clock [`clockid::realtime`](#clockid.realtime).</summary>
    AtimNow = 1 << 1,

    /// <summary>Adjust the last data modification timestamp to the value stored in [`filestat::mtim`](#filestat.mtim).</summary>
    Mtim = 1 << 2,

    /// <summary>Adjust the last data modification timestamp to the time of clock [`clockid::realtime`](#clockid.realtime).</summary>
    MtimNow = 1 << 3,
}
