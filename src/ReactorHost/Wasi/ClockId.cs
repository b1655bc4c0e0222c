namespace ReactorHost.Wasi;

/// <summary>Identifiers for clocks (witx <c>clockid</c>, u32).</summary>
public enum ClockId : uint
{
    /// <summary>The clock measuring real time. Time value zero corresponds with</summary>
    Realtime = 0,

    /// <summary>The store-wide monotonic clock, which is defined as a clock measuring</summary>
    Monotonic = 1,

    /// <summary>The CPU-time clock associated with the current process.</summary>
    ProcessCputimeId = 2,

    /// <summary>The CPU-time clock associated with the current thread.</summary>
    ThreadCputimeId = 3,
}
