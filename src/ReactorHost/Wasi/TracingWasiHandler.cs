using System.Diagnostics;

namespace ReactorHost.Wasi;

/// <summary>
/// A wrapper that writes one line per syscall to a <see cref="TextWriter"/>: the function, its
/// decoded arguments, the result and how long the inner handler took. Used by
/// <c>reactorhost run --trace</c>. Allocates per call (it formats text): for diagnosis, not production.
/// </summary>
public sealed partial class TracingWasiHandler : DelegatingWasiHandler
{
    private readonly TextWriter _output;
    private readonly object _gate = new();

    /// <summary>Traces <paramref name="inner"/> to <paramref name="output"/>.</summary>
    public TracingWasiHandler(WasiHandler inner, TextWriter output)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    private static string Describe(IovecArray iovs) => $"[{iovs.Count} bufs, {iovs.TotalLength} bytes]";

    private void Log(string name, string arguments, string result, long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        lock (_gate)
        {
            _output.WriteLine($"[wasi] {name}({arguments}) -> {result} ({elapsed.TotalMicroseconds:0.0}us)");
        }
    }

    private T Sync<T>(string name, string arguments, long start, Func<T> call)
    {
        try
        {
            var result = call();
            Log(name, arguments, result?.ToString() ?? "()", start);
            return result;
        }
        catch (Exception e)
        {
            Log(name, arguments, "threw " + e.GetType().Name, start);
            throw;
        }
    }

    private ValueTask<T> Async<T>(string name, string arguments, long start, Func<ValueTask<T>> call)
    {
        ValueTask<T> pending;
        try
        {
            pending = call();
        }
        catch (Exception e)
        {
            Log(name, arguments, "threw " + e.GetType().Name, start);
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Log(name, arguments, pending.Result?.ToString() ?? "()", start);
            return pending;
        }

        return Awaited(pending);

        async ValueTask<T> Awaited(ValueTask<T> task)
        {
            try
            {
                var result = await task.ConfigureAwait(false);
                Log(name, arguments, result?.ToString() ?? "()", start);
                return result;
            }
            catch (Exception e)
            {
                Log(name, arguments, "threw " + e.GetType().Name, start);
                throw;
            }
        }
    }


    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetArguments() => Sync("args_get", $"", Stopwatch.GetTimestamp(), () => Inner.GetArguments());

    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetEnvironment() => Sync("environ_get", $"", Stopwatch.GetTimestamp(), () => Inner.GetEnvironment());

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockResGet(ClockId id) => Sync("clock_res_get", $"id={id}", Stopwatch.GetTimestamp(), () => Inner.ClockResGet(id));

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockTimeGet(ClockId id, ulong precision) => Sync("clock_time_get", $"id={id}, precision={precision}", Stopwatch.GetTimestamp(), () => Inner.ClockTimeGet(id, precision));

    /// <inheritdoc/>
    public override Errno RandomGet(Span<byte> buffer)
    {
        var start = Stopwatch.GetTimestamp();
        var result = Inner.RandomGet(buffer);
        Log("random_get", $"buffer=[{buffer.Length} bytes]", result.ToString(), start);
        return result;
    }

    /// <inheritdoc/>
    public override Errno SchedYield() => Sync("sched_yield", $"", Stopwatch.GetTimestamp(), () => Inner.SchedYield());

    /// <inheritdoc/>
    public override void ProcExit(int exitCode)
    {
        Log("proc_exit", $"exitCode={exitCode}", "exits", Stopwatch.GetTimestamp());
        Inner.ProcExit(exitCode);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAdvise(int fd, ulong offset, ulong length, Advice advice, CancellationToken cancellationToken) => Async("fd_advise", $"fd={fd}, offset={offset}, length={length}, advice={advice}", Stopwatch.GetTimestamp(), () => Inner.FdAdvise(fd, offset, length, advice, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAllocate(int fd, ulong offset, ulong length, CancellationToken cancellationToken) => Async("fd_allocate", $"fd={fd}, offset={offset}, length={length}", Stopwatch.GetTimestamp(), () => Inner.FdAllocate(fd, offset, length, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdClose(int fd, CancellationToken cancellationToken) => Async("fd_close", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdClose(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdDatasync(int fd, CancellationToken cancellationToken) => Async("fd_datasync", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdDatasync(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FdStat>> FdFdstatGet(int fd, CancellationToken cancellationToken) => Async("fd_fdstat_get", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdFdstatGet(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetFlags(int fd, FdFlags flags, CancellationToken cancellationToken) => Async("fd_fdstat_set_flags", $"fd={fd}, flags={flags}", Stopwatch.GetTimestamp(), () => Inner.FdFdstatSetFlags(fd, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetRights(int fd, Rights rightsBase, Rights rightsInheriting, CancellationToken cancellationToken) => Async("fd_fdstat_set_rights", $"fd={fd}, rightsBase={rightsBase}, rightsInheriting={rightsInheriting}", Stopwatch.GetTimestamp(), () => Inner.FdFdstatSetRights(fd, rightsBase, rightsInheriting, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> FdFilestatGet(int fd, CancellationToken cancellationToken) => Async("fd_filestat_get", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdFilestatGet(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetSize(int fd, ulong size, CancellationToken cancellationToken) => Async("fd_filestat_set_size", $"fd={fd}, size={size}", Stopwatch.GetTimestamp(), () => Inner.FdFilestatSetSize(fd, size, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetTimes(int fd, ulong accessTime, ulong modificationTime, FstFlags flags, CancellationToken cancellationToken) => Async("fd_filestat_set_times", $"fd={fd}, accessTime={accessTime}, modificationTime={modificationTime}, flags={flags}", Stopwatch.GetTimestamp(), () => Inner.FdFilestatSetTimes(fd, accessTime, modificationTime, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPread(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) => Async("fd_pread", $"fd={fd}, iovs={Describe(iovs)}, offset={offset}", Stopwatch.GetTimestamp(), () => Inner.FdPread(fd, iovs, offset, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<Prestat>> FdPrestatGet(int fd, CancellationToken cancellationToken) => Async("fd_prestat_get", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdPrestatGet(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdPrestatDirName(int fd, Memory<byte> path, CancellationToken cancellationToken) => Async("fd_prestat_dir_name", $"fd={fd}, path=[{path.Length} bytes]", Stopwatch.GetTimestamp(), () => Inner.FdPrestatDirName(fd, path, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPwrite(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) => Async("fd_pwrite", $"fd={fd}, iovs={Describe(iovs)}, offset={offset}", Stopwatch.GetTimestamp(), () => Inner.FdPwrite(fd, iovs, offset, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken) => Async("fd_read", $"fd={fd}, iovs={Describe(iovs)}", Stopwatch.GetTimestamp(), () => Inner.FdRead(fd, iovs, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdReaddir(int fd, Memory<byte> buffer, ulong cookie, CancellationToken cancellationToken) => Async("fd_readdir", $"fd={fd}, buffer=[{buffer.Length} bytes], cookie={cookie}", Stopwatch.GetTimestamp(), () => Inner.FdReaddir(fd, buffer, cookie, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdRenumber(int fd, int to, CancellationToken cancellationToken) => Async("fd_renumber", $"fd={fd}, to={to}", Stopwatch.GetTimestamp(), () => Inner.FdRenumber(fd, to, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdSeek(int fd, long offset, Whence whence, CancellationToken cancellationToken) => Async("fd_seek", $"fd={fd}, offset={offset}, whence={whence}", Stopwatch.GetTimestamp(), () => Inner.FdSeek(fd, offset, whence, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdSync(int fd, CancellationToken cancellationToken) => Async("fd_sync", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdSync(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdTell(int fd, CancellationToken cancellationToken) => Async("fd_tell", $"fd={fd}", Stopwatch.GetTimestamp(), () => Inner.FdTell(fd, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken) => Async("fd_write", $"fd={fd}, iovs={Describe(iovs)}", Stopwatch.GetTimestamp(), () => Inner.FdWrite(fd, iovs, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathCreateDirectory(int fd, string path, CancellationToken cancellationToken) => Async("path_create_directory", $"fd={fd}, path=\"{path}\"", Stopwatch.GetTimestamp(), () => Inner.PathCreateDirectory(fd, path, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> PathFilestatGet(int fd, LookupFlags flags, string path, CancellationToken cancellationToken) => Async("path_filestat_get", $"fd={fd}, flags={flags}, path=\"{path}\"", Stopwatch.GetTimestamp(), () => Inner.PathFilestatGet(fd, flags, path, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathFilestatSetTimes(int fd, LookupFlags flags, string path, ulong accessTime, ulong modificationTime, FstFlags fstFlags, CancellationToken cancellationToken) => Async("path_filestat_set_times", $"fd={fd}, flags={flags}, path=\"{path}\", accessTime={accessTime}, modificationTime={modificationTime}, fstFlags={fstFlags}", Stopwatch.GetTimestamp(), () => Inner.PathFilestatSetTimes(fd, flags, path, accessTime, modificationTime, fstFlags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathLink(int oldFd, LookupFlags oldFlags, string oldPath, int newFd, string newPath, CancellationToken cancellationToken) => Async("path_link", $"oldFd={oldFd}, oldFlags={oldFlags}, oldPath=\"{oldPath}\", newFd={newFd}, newPath=\"{newPath}\"", Stopwatch.GetTimestamp(), () => Inner.PathLink(oldFd, oldFlags, oldPath, newFd, newPath, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> PathOpen(int fd, LookupFlags dirFlags, string path, OFlags openFlags, Rights rightsBase, Rights rightsInheriting, FdFlags fdFlags, CancellationToken cancellationToken) => Async("path_open", $"fd={fd}, dirFlags={dirFlags}, path=\"{path}\", openFlags={openFlags}, rightsBase={rightsBase}, rightsInheriting={rightsInheriting}, fdFlags={fdFlags}", Stopwatch.GetTimestamp(), () => Inner.PathOpen(fd, dirFlags, path, openFlags, rightsBase, rightsInheriting, fdFlags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PathReadlink(int fd, string path, Memory<byte> buffer, CancellationToken cancellationToken) => Async("path_readlink", $"fd={fd}, path=\"{path}\", buffer=[{buffer.Length} bytes]", Stopwatch.GetTimestamp(), () => Inner.PathReadlink(fd, path, buffer, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRemoveDirectory(int fd, string path, CancellationToken cancellationToken) => Async("path_remove_directory", $"fd={fd}, path=\"{path}\"", Stopwatch.GetTimestamp(), () => Inner.PathRemoveDirectory(fd, path, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRename(int fd, string oldPath, int newFd, string newPath, CancellationToken cancellationToken) => Async("path_rename", $"fd={fd}, oldPath=\"{oldPath}\", newFd={newFd}, newPath=\"{newPath}\"", Stopwatch.GetTimestamp(), () => Inner.PathRename(fd, oldPath, newFd, newPath, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathSymlink(string oldPath, int fd, string newPath, CancellationToken cancellationToken) => Async("path_symlink", $"oldPath=\"{oldPath}\", fd={fd}, newPath=\"{newPath}\"", Stopwatch.GetTimestamp(), () => Inner.PathSymlink(oldPath, fd, newPath, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathUnlinkFile(int fd, string path, CancellationToken cancellationToken) => Async("path_unlink_file", $"fd={fd}, path=\"{path}\"", Stopwatch.GetTimestamp(), () => Inner.PathUnlinkFile(fd, path, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PollOneoff(SubscriptionArray subscriptions, EventArray events, CancellationToken cancellationToken) => Async("poll_oneoff", $"subscriptions=[{subscriptions.Count} subscriptions]", Stopwatch.GetTimestamp(), () => Inner.PollOneoff(subscriptions, events, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> ProcRaise(Signal signal, CancellationToken cancellationToken) => Async("proc_raise", $"signal={signal}", Stopwatch.GetTimestamp(), () => Inner.ProcRaise(signal, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SockAccept(int fd, FdFlags flags, CancellationToken cancellationToken) => Async("sock_accept", $"fd={fd}, flags={flags}", Stopwatch.GetTimestamp(), () => Inner.SockAccept(fd, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<(uint Length, RoFlags Flags)>> SockRecv(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken) => Async("sock_recv", $"fd={fd}, iovs={Describe(iovs)}, flags={flags}", Stopwatch.GetTimestamp(), () => Inner.SockRecv(fd, iovs, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> SockSend(int fd, IovecArray iovs, SiFlags flags, CancellationToken cancellationToken) => Async("sock_send", $"fd={fd}, iovs={Describe(iovs)}, flags={flags}", Stopwatch.GetTimestamp(), () => Inner.SockSend(fd, iovs, flags, cancellationToken));

    /// <inheritdoc/>
    public override ValueTask<Errno> SockShutdown(int fd, SdFlags how, CancellationToken cancellationToken) => Async("sock_shutdown", $"fd={fd}, how={how}", Stopwatch.GetTimestamp(), () => Inner.SockShutdown(fd, how, cancellationToken));
}
