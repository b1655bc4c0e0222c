namespace ReactorHost.Wasi;

/// <summary>
/// Decides where and when the handler of a posted <see cref="SyscallLock"/> request runs. The
/// dispatcher must eventually call <see cref="SyscallLock.Complete(Errno)"/> or
/// <see cref="SyscallLock.Fault(Exception)"/> (directly or through <see cref="SyscallLock.RunAsync"/>).
/// </summary>
public abstract class SyscallDispatcher
{
    /// <summary>Called on the guest thread right after the request was posted.</summary>
    public abstract void Dispatch(SyscallLock slot);
}
