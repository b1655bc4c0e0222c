namespace ReactorHost.Wasi;

/// <summary>The state word of a <see cref="SyscallLock"/> slot.</summary>
public enum SyscallLockState
{
    /// <summary>No syscall outstanding; the guest may post one.</summary>
    Idle = 0,

    /// <summary>The guest posted a request and waits; the host side owns the slot.</summary>
    Requested = 1,

    /// <summary>The host side wrote the response; the guest may read it and return the slot to <see cref="Idle"/>.</summary>
    Completed = 2,
}
