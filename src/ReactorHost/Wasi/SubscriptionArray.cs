namespace ReactorHost.Wasi;

/// <summary>A zero-copy, bounds-checked view of the guest's <c>poll_oneoff</c> input: <see cref="Count"/> <see cref="Subscription"/> records.</summary>
public readonly struct SubscriptionArray
{
    internal SubscriptionArray(GuestMemory memory, uint pointer, int count)
    {
        GuestMemory = memory;
        Pointer = pointer;
        Count = count;
    }

    /// <summary>The guest memory the array lives in.</summary>
    public GuestMemory GuestMemory { get; }

    /// <summary>Guest address of the first record.</summary>
    public uint Pointer { get; }

    /// <summary>Number of subscriptions.</summary>
    public int Count { get; }

    /// <summary>Subscription <paramref name="index"/>, decoded from guest memory.</summary>
    public Subscription this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (!GuestMemory.TryRead<Subscription>(Pointer + ((uint)index * Subscription.Size), out var value))
            {
                WasiErrnoException.Throw(Errno.Fault);
            }

            return value;
        }
    }
}
