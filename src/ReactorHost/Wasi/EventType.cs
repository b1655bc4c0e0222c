namespace ReactorHost.Wasi;

/// <summary>Type of a subscription to an event or its occurrence (witx <c>eventtype</c>, u8).</summary>
public enum EventType : byte
{
    /// <summary>The time value of clock [`subscription_clock::id`](#subscription_clock.id) has</summary>
    Clock = 0,

    /// <summary>File descriptor [`subscription_fd_readwrite::file_descriptor`](#subscription_fd_readwrite.file_descriptor) has data</summary>
    FdRead = 1,

    /// <summary>File descriptor [`subscription_fd_readwrite::file_descriptor`](#subscription_fd_readwrite.file_descriptor) has capacity</summary>
    FdWrite = 2,
}
