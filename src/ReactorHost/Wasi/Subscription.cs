using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>
/// A subscription to an event (witx <c>subscription</c>): 48 bytes, align 8. The union
/// <c>subscription_u</c> starts at offset 8 with its u8 tag; its payload starts at offset 16:
/// <c>subscription_clock</c> (id, timeout, precision, flags) or <c>subscription_fd_readwrite</c> (fd).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct Subscription
{
    /// <summary>Size of the record in guest memory.</summary>
    public const int Size = 48;

    /// <summary>User-provided value that is attached to the subscription and echoed in the event.</summary>
    [FieldOffset(0)] public ulong UserData;

    /// <summary>The union tag: which kind of event this subscribes to.</summary>
    [FieldOffset(8)] public EventType Type;

    /// <summary>Clock subscriptions: the clock against which to compare the timestamp.</summary>
    [FieldOffset(16)] public ClockId ClockId;

    /// <summary>Fd subscriptions: the file descriptor on which to wait for it to become ready.</summary>
    [FieldOffset(16)] public int FileDescriptor;

    /// <summary>Clock subscriptions: the absolute or relative timestamp (ns).</summary>
    [FieldOffset(24)] public ulong Timeout;

    /// <summary>Clock subscriptions: the amount of time the implementation may wait in addition to the timeout (ns).</summary>
    [FieldOffset(32)] public ulong Precision;

    /// <summary>Clock subscriptions: whether <see cref="Timeout"/> is absolute.</summary>
    [FieldOffset(40)] public SubClockFlags ClockFlags;
}
