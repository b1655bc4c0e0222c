namespace ReactorHost.Wasi;

/// <summary>
/// The default dispatch policy, fastest correct: invoke the handler on the guest thread; when its
/// <see cref="ValueTask"/> completes synchronously the slot completes with no wait, no signal and
/// no allocation; otherwise the guest waits (spin, then block) for the continuation to complete
/// the slot. Handlers of different guests may then run concurrently: they must be thread-safe if
/// they are shared.
/// </summary>
public sealed class InlineSyscallDispatcher : SyscallDispatcher
{
    /// <summary>The shared instance (the policy has no state).</summary>
    public static InlineSyscallDispatcher Instance { get; } = new();

    /// <inheritdoc/>
    public override void Dispatch(SyscallLock slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.RunInline();
    }
}
