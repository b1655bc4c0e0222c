using System.Runtime.CompilerServices;
using ReactorHost.Wasi;

namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>
/// A handler whose <c>fd_write</c> always goes asynchronous: <c>await Task.Yield()</c> resumes it on
/// the thread pool, which then completes the guest's slot (the shape of a handler awaiting real I/O).
/// The pooling builder keeps the async state machine from allocating per call.
/// </summary>
internal sealed class YieldingWriteHandler : WasiHandler
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return (uint)iovs.TotalLength;
    }
}
