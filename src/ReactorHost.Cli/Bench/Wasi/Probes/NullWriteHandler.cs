using ReactorHost.Wasi;

namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>A handler whose <c>fd_write</c> accepts every byte and completes synchronously (a null stream).</summary>
internal sealed class NullWriteHandler : WasiHandler
{
    public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken) =>
        new(new WasiResult<uint>(Errno.Success, (uint)iovs.TotalLength));

    public override WasiResult<ulong> ClockTimeGet(ClockId id, ulong precision) => (ulong)System.Diagnostics.Stopwatch.GetTimestamp();
}
