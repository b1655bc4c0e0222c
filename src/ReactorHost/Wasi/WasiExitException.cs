namespace ReactorHost.Wasi;

/// <summary>
/// Unwinds a guest that called <c>proc_exit</c>: thrown on the guest thread through the wasm
/// frames and caught by <c>WasiProcess</c>, which reports <see cref="ExitCode"/>.
/// </summary>
public sealed class WasiExitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasiExitException(int exitCode)
        : base($"The guest exited with code {exitCode}.")
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception (exit code 0).</summary>
    public WasiExitException()
        : this(0)
    {
    }

    /// <summary>Creates the exception (exit code 1).</summary>
    public WasiExitException(string message)
        : base(message)
    {
        ExitCode = 1;
    }

    /// <summary>Creates the exception (exit code 1).</summary>
    public WasiExitException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = 1;
    }

    /// <summary>The exit code the guest passed to <c>proc_exit</c>.</summary>
    public int ExitCode { get; }
}
