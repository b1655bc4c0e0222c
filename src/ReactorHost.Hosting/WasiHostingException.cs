namespace ReactorHost.Hosting;

/// <summary>
/// A hosted guest could not be set up: its module file is missing, unreadable, malformed or
/// unsupported, it is the wrong kind of module, or its start failed. The message names the guest,
/// the module's full path and the reason; <see cref="Exception.InnerException"/> is the original error.
/// </summary>
public sealed class WasiHostingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasiHostingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasiHostingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasiHostingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
