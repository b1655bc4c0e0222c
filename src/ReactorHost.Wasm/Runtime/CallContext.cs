namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// The context argument every function receives under the uniform calling convention: an
/// <see cref="InstanceContext"/> for wasm code, a <see cref="HostBinding"/> for host functions.
/// Holds the stack limit so the prologue stack check reads a field of its own argument instead
/// of a thread-static (measured: the thread-static lookup was a helper call per wasm call, about
/// half the time of a call-heavy kernel).
/// </summary>
/// <remarks>
/// The limit belongs to the thread running the instance. It is written at every host→wasm entry
/// (<see cref="StackGuard.Enter"/>) and copied from caller to callee on every call that may cross
/// contexts (imports and <c>call_indirect</c>), so a callee never checks against a limit left by
/// another thread. An instance is single-threaded, so one field per context suffices.
/// </remarks>
internal abstract class CallContext
{
    /// <summary>~limit (0 = not set yet: the next check takes the slow path and sets it).</summary>
    public nuint InvertedStackLimit;
}
