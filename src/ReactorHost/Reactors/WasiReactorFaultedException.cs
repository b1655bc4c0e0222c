namespace ReactorHost;

/// <summary>
/// A call reached a <see cref="WasiReactor"/> that is faulted: its instance was aborted (trap,
/// interruption, <c>proc_exit</c>, failed start) and not replaced. <see cref="Exception.InnerException"/>
/// is the original fault.
/// </summary>
public sealed class WasiReactorFaultedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public WasiReactorFaultedException()
        : base("The reactor is faulted.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasiReactorFaultedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception naming the original fault.</summary>
    public WasiReactorFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
