using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>An event that occurred (witx <c>event</c>): 32 bytes, align 8.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct Event
{
    /// <summary>Size of the record in guest memory.</summary>
    public const int Size = 32;

    /// <summary>The user data of the subscription that caused this event.</summary>
    [FieldOffset(0)] public ulong UserData;

    /// <summary>If non-zero, an error that occurred while processing the subscription request.</summary>
    [FieldOffset(8)] public Errno Error;

    /// <summary>The type of event that occurred.</summary>
    [FieldOffset(10)] public EventType Type;

    /// <summary>For fd_read/fd_write events: the number of bytes available for reading or writing.</summary>
    [FieldOffset(16)] public ulong NBytes;

    /// <summary>For fd_read/fd_write events: the state of the file descriptor.</summary>
    [FieldOffset(24)] public EventRwFlags Flags;
}
