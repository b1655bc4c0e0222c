namespace ReactorHost.Wasi;

/// <summary>A zero-copy, bounds-checked view of the guest's <c>poll_oneoff</c> output: room for <see cref="Capacity"/> <see cref="Event"/> records.</summary>
public readonly struct EventArray
{
    internal EventArray(GuestMemory memory, uint pointer, int capacity)
    {
        GuestMemory = memory;
        Pointer = pointer;
        Capacity = capacity;
    }

    /// <summary>The guest memory the array lives in.</summary>
    public GuestMemory GuestMemory { get; }

    /// <summary>Guest address of the first record.</summary>
    public uint Pointer { get; }

    /// <summary>Number of records that fit (equals the number of subscriptions).</summary>
    public int Capacity { get; }

    /// <summary>Writes event <paramref name="index"/> into guest memory.</summary>
    public void Set(int index, in Event value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        if (!GuestMemory.TryWrite(Pointer + ((uint)index * Event.Size), in value))
        {
            WasiErrnoException.Throw(Errno.Fault);
        }
    }
}
