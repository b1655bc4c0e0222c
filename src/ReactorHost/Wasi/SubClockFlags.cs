namespace ReactorHost.Wasi;

/// <summary>Flags determining how to interpret the timestamp provided in subscription_clock.timeout (witx <c>subclockflags</c>, u16).</summary>
[Flags]
public enum SubClockFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>If set, treat the timestamp provided in</summary>
    SubscriptionClockAbstime = 1 << 0,
}
