using Microsoft.Extensions.Logging;

namespace ReactorHost.Wasi;

/// <summary>How an exception thrown by a handler reaches the guest.</summary>
internal static partial class SyscallFaults
{
    /// <summary>
    /// Returns the errno to answer, or false when the exception must instead unwind the guest
    /// (cancellation of the guest, <see cref="WasiExitException"/>, a trap).
    /// </summary>
    public static bool TryMapToErrno(Exception exception, WasiSyscall syscall, ILogger logger, CancellationToken cancellationToken, out Errno errno)
    {
        switch (exception)
        {
            case WasiErrnoException e:
                errno = e.Errno;
                return true;
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
            case WasiExitException:
            case ReactorHost.Wasm.WasmTrapException:
                errno = Errno.Canceled;
                return false;
            default:
                LogHandlerFailed(logger, WasiSyscallNames.GetName(syscall), exception);
                errno = Errno.Io;
                return true;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "WASI handler for {Syscall} threw; the guest sees EIO.")]
    private static partial void LogHandlerFailed(ILogger logger, string syscall, Exception exception);
}
