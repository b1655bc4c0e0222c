using Microsoft.Extensions.Logging;

namespace ReactorHost.Wasi;

/// <summary>
/// The syscall entry for foreground guests: every handler runs directly on the guest thread
/// (the caller's thread). A handler that does not complete synchronously is waited for on that
/// thread. Handler failures become EIO (logged); cancellation and exits unwind the guest.
/// </summary>
public sealed class DirectWasiPreview1 : WasiPreview1
{
    /// <summary>Creates the entry.</summary>
    public DirectWasiPreview1(WasiHandler handler, ILogger? logger = null, CancellationToken cancellationToken = default)
        : base(handler, logger, cancellationToken)
    {
    }

    /// <inheritdoc/>
    protected override Errno Dispatch(in SyscallRequest request)
    {
        var syscall = request.Syscall;
        try
        {
            var pending = Executor!.Execute(in request, CancellationToken);
            return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // handler failures become errnos
        catch (Exception e) when (SyscallFaults.TryMapToErrno(e, syscall, Logger, CancellationToken, out var errno))
#pragma warning restore CA1031
        {
            return errno;
        }
    }
}
