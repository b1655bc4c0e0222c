// Generated from DelegatingWasiHandler's members (one override per syscall but proc_exit); keep
// in step with it when syscalls are added.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ReactorHost.Wasi;

namespace ReactorHost.Hosting;

/// <summary>
/// Records every syscall's latency (from the handler call to its completion) in the
/// <c>reactorhost.wasi.syscall.duration</c> histogram, tagged with the guest and the syscall name.
/// Costs one flag check per syscall while nobody listens.
/// </summary>
internal sealed class MeteredWasiHandler : DelegatingWasiHandler
{
    private readonly Histogram<double> _latency;
    private readonly KeyValuePair<string, object?> _guest;

    public MeteredWasiHandler(WasiHandler inner, Histogram<double> latency, string guest)
        : base(inner)
    {
        _latency = latency;
        _guest = new(ReactorHostMetrics.GuestTag, guest);
    }

    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetArguments()
    {
        if (!_latency.Enabled)
        {
            return Inner.GetArguments();
        }

        var start = Stopwatch.GetTimestamp();
        var result = Inner.GetArguments();
        Record("args_get", start);
        return result;
    }

    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetEnvironment()
    {
        if (!_latency.Enabled)
        {
            return Inner.GetEnvironment();
        }

        var start = Stopwatch.GetTimestamp();
        var result = Inner.GetEnvironment();
        Record("environ_get", start);
        return result;
    }

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockResGet(ClockId id)
    {
        if (!_latency.Enabled)
        {
            return Inner.ClockResGet(id);
        }

        var start = Stopwatch.GetTimestamp();
        var result = Inner.ClockResGet(id);
        Record("clock_res_get", start);
        return result;
    }

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockTimeGet(ClockId id, ulong precision)
    {
        if (!_latency.Enabled)
        {
            return Inner.ClockTimeGet(id, precision);
        }

        var start = Stopwatch.GetTimestamp();
        var result = Inner.ClockTimeGet(id, precision);
        Record("clock_time_get", start);
        return result;
    }

    /// <inheritdoc/>
    public override Errno RandomGet(Span<byte> buffer)
    {
        if (!_latency.Enabled)
        {
            return Inner.RandomGet(buffer);
        }

        var start = Stopwatch.GetTimestamp();
        var result = Inner.RandomGet(buffer);
        Record("random_get", start);
        return result;
    }

    /// <inheritdoc/>
    public override Errno SchedYield()
    {
        if (!_latency.Enabled)
        {
            return Inner.SchedYield();
        }

        var start = Stopwatch.GetTimestamp();
        var result = Inner.SchedYield();
        Record("sched_yield", start);
        return result;
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAdvise(int fd, ulong offset, ulong length, Advice advice, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdAdvise(fd, offset, length, advice, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdAdvise(fd, offset, length, advice, cancellationToken), "fd_advise", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAllocate(int fd, ulong offset, ulong length, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdAllocate(fd, offset, length, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdAllocate(fd, offset, length, cancellationToken), "fd_allocate", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdClose(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdClose(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdClose(fd, cancellationToken), "fd_close", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdDatasync(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdDatasync(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdDatasync(fd, cancellationToken), "fd_datasync", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FdStat>> FdFdstatGet(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdFdstatGet(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdFdstatGet(fd, cancellationToken), "fd_fdstat_get", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetFlags(int fd, FdFlags flags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdFdstatSetFlags(fd, flags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdFdstatSetFlags(fd, flags, cancellationToken), "fd_fdstat_set_flags", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetRights(int fd, Rights rightsBase, Rights rightsInheriting, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdFdstatSetRights(fd, rightsBase, rightsInheriting, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdFdstatSetRights(fd, rightsBase, rightsInheriting, cancellationToken), "fd_fdstat_set_rights", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> FdFilestatGet(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdFilestatGet(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdFilestatGet(fd, cancellationToken), "fd_filestat_get", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetSize(int fd, ulong size, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdFilestatSetSize(fd, size, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdFilestatSetSize(fd, size, cancellationToken), "fd_filestat_set_size", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetTimes(int fd, ulong accessTime, ulong modificationTime, FstFlags flags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdFilestatSetTimes(fd, accessTime, modificationTime, flags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdFilestatSetTimes(fd, accessTime, modificationTime, flags, cancellationToken), "fd_filestat_set_times", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPread(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdPread(fd, iovs, offset, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdPread(fd, iovs, offset, cancellationToken), "fd_pread", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<Prestat>> FdPrestatGet(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdPrestatGet(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdPrestatGet(fd, cancellationToken), "fd_prestat_get", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdPrestatDirName(int fd, Memory<byte> path, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdPrestatDirName(fd, path, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdPrestatDirName(fd, path, cancellationToken), "fd_prestat_dir_name", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPwrite(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdPwrite(fd, iovs, offset, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdPwrite(fd, iovs, offset, cancellationToken), "fd_pwrite", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdRead(fd, iovs, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdRead(fd, iovs, cancellationToken), "fd_read", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdReaddir(int fd, Memory<byte> buffer, ulong cookie, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdReaddir(fd, buffer, cookie, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdReaddir(fd, buffer, cookie, cancellationToken), "fd_readdir", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdRenumber(int fd, int to, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdRenumber(fd, to, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdRenumber(fd, to, cancellationToken), "fd_renumber", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdSeek(int fd, long offset, Whence whence, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdSeek(fd, offset, whence, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdSeek(fd, offset, whence, cancellationToken), "fd_seek", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdSync(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdSync(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdSync(fd, cancellationToken), "fd_sync", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdTell(int fd, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdTell(fd, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdTell(fd, cancellationToken), "fd_tell", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.FdWrite(fd, iovs, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.FdWrite(fd, iovs, cancellationToken), "fd_write", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathCreateDirectory(int fd, string path, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathCreateDirectory(fd, path, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathCreateDirectory(fd, path, cancellationToken), "path_create_directory", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> PathFilestatGet(int fd, LookupFlags flags, string path, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathFilestatGet(fd, flags, path, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathFilestatGet(fd, flags, path, cancellationToken), "path_filestat_get", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathFilestatSetTimes(int fd, LookupFlags flags, string path, ulong accessTime, ulong modificationTime, FstFlags fstFlags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathFilestatSetTimes(fd, flags, path, accessTime, modificationTime, fstFlags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathFilestatSetTimes(fd, flags, path, accessTime, modificationTime, fstFlags, cancellationToken), "path_filestat_set_times", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathLink(int oldFd, LookupFlags oldFlags, string oldPath, int newFd, string newPath, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathLink(oldFd, oldFlags, oldPath, newFd, newPath, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathLink(oldFd, oldFlags, oldPath, newFd, newPath, cancellationToken), "path_link", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> PathOpen(int fd, LookupFlags dirFlags, string path, OFlags openFlags, Rights rightsBase, Rights rightsInheriting, FdFlags fdFlags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathOpen(fd, dirFlags, path, openFlags, rightsBase, rightsInheriting, fdFlags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathOpen(fd, dirFlags, path, openFlags, rightsBase, rightsInheriting, fdFlags, cancellationToken), "path_open", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PathReadlink(int fd, string path, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathReadlink(fd, path, buffer, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathReadlink(fd, path, buffer, cancellationToken), "path_readlink", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRemoveDirectory(int fd, string path, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathRemoveDirectory(fd, path, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathRemoveDirectory(fd, path, cancellationToken), "path_remove_directory", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRename(int fd, string oldPath, int newFd, string newPath, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathRename(fd, oldPath, newFd, newPath, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathRename(fd, oldPath, newFd, newPath, cancellationToken), "path_rename", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathSymlink(string oldPath, int fd, string newPath, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathSymlink(oldPath, fd, newPath, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathSymlink(oldPath, fd, newPath, cancellationToken), "path_symlink", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathUnlinkFile(int fd, string path, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PathUnlinkFile(fd, path, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PathUnlinkFile(fd, path, cancellationToken), "path_unlink_file", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PollOneoff(SubscriptionArray subscriptions, EventArray events, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.PollOneoff(subscriptions, events, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.PollOneoff(subscriptions, events, cancellationToken), "poll_oneoff", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> ProcRaise(Signal signal, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.ProcRaise(signal, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.ProcRaise(signal, cancellationToken), "proc_raise", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SockAccept(int fd, FdFlags flags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.SockAccept(fd, flags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.SockAccept(fd, flags, cancellationToken), "sock_accept", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<(uint Length, RoFlags Flags)>> SockRecv(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.SockRecv(fd, iovs, flags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.SockRecv(fd, iovs, flags, cancellationToken), "sock_recv", start);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> SockSend(int fd, IovecArray iovs, SiFlags flags, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.SockSend(fd, iovs, flags, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.SockSend(fd, iovs, flags, cancellationToken), "sock_send", start);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> SockShutdown(int fd, SdFlags how, CancellationToken cancellationToken)
    {
        if (!_latency.Enabled)
        {
            return Inner.SockShutdown(fd, how, cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        return Track(Inner.SockShutdown(fd, how, cancellationToken), "sock_shutdown", start);
    }

    private ValueTask<T> Track<T>(ValueTask<T> pending, string syscall, long start)
    {
        if (pending.IsCompleted)
        {
            Record(syscall, start);
            return pending;
        }

        return Awaited(pending, syscall, start);
    }

    private async ValueTask<T> Awaited<T>(ValueTask<T> pending, string syscall, long start)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        finally
        {
            Record(syscall, start);
        }
    }

    private void Record(string syscall, long start) =>
        _latency.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, _guest, new(ReactorHostMetrics.SyscallTag, syscall));
}
