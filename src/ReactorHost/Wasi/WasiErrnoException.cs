using System.Diagnostics.CodeAnalysis;

namespace ReactorHost.Wasi;

/// <summary>
/// Thrown by handler code (or guest-memory views) to answer the current syscall with an errno
/// instead of a result. The syscall layer turns it into that errno without logging. Prefer
/// returning an errno: exceptions are slow. Meant for rare paths such as a view that finds the
/// guest pointer out of bounds (<see cref="Errno.Fault"/>).
/// </summary>
public sealed class WasiErrnoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasiErrnoException(Errno errno)
        : base($"WASI error {errno}")
    {
        Errno = errno;
    }

    /// <summary>Creates the exception.</summary>
    public WasiErrnoException()
        : this(Errno.Io)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasiErrnoException(string message)
        : base(message)
    {
        Errno = Errno.Io;
    }

    /// <summary>Creates the exception.</summary>
    public WasiErrnoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errno = Errno.Io;
    }

    /// <summary>The errno the syscall answers.</summary>
    public Errno Errno { get; }

    /// <summary>Throws (kept out of line so callers stay small).</summary>
    [DoesNotReturn]
    public static void Throw(Errno errno) => throw new WasiErrnoException(errno);
}
