namespace ReactorHost.Wasi;

/// <summary>The state word of a <see cref="SyscallLock"/> slot.</summary>
public enum SyscallLockState
{
    /// <summary>No syscall outstanding; the guest may post one.</summary>
    Idle = 0,

    /// <summary>The guest posted a request; the host side owns the slot (the guest is running it inline or spinning).</summary>
    Requested = 1,

    /// <summary>The host side wrote the response; the guest may read it and return the slot to <see cref="Idle"/>.</summary>
    Completed = 2,

    /// <summary>
    /// Like <see cref="Requested"/>, but the guest stopped spinning and is blocked on the slot's
    /// event: the host side must signal it when it completes.
    /// </summary>
    Blocked = 3,
}
