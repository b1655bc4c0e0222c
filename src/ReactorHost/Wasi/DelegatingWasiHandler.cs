namespace ReactorHost.Wasi;

/// <summary>
/// A handler that forwards every syscall to <see cref="Inner"/>. Derive from it and override the
/// members you want to intercept (tracing, policy, a file system layered over another).
/// </summary>
public partial class DelegatingWasiHandler : WasiHandler
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public DelegatingWasiHandler(WasiHandler inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The wrapped handler.</summary>
    public WasiHandler Inner { get; }


    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetArguments() => Inner.GetArguments();

    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetEnvironment() => Inner.GetEnvironment();

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockResGet(ClockId id) => Inner.ClockResGet(id);

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockTimeGet(ClockId id, ulong precision) => Inner.ClockTimeGet(id, precision);

    /// <inheritdoc/>
    public override Errno RandomGet(Span<byte> buffer) => Inner.RandomGet(buffer);

    /// <inheritdoc/>
    public override Errno SchedYield() => Inner.SchedYield();

    /// <inheritdoc/>
    public override void ProcExit(int exitCode) => Inner.ProcExit(exitCode);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAdvise(int fd, ulong offset, ulong length, Advice advice, CancellationToken cancellationToken) => Inner.FdAdvise(fd, offset, length, advice, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAllocate(int fd, ulong offset, ulong length, CancellationToken cancellationToken) => Inner.FdAllocate(fd, offset, length, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdClose(int fd, CancellationToken cancellationToken) => Inner.FdClose(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdDatasync(int fd, CancellationToken cancellationToken) => Inner.FdDatasync(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FdStat>> FdFdstatGet(int fd, CancellationToken cancellationToken) => Inner.FdFdstatGet(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetFlags(int fd, FdFlags flags, CancellationToken cancellationToken) => Inner.FdFdstatSetFlags(fd, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetRights(int fd, Rights rightsBase, Rights rightsInheriting, CancellationToken cancellationToken) => Inner.FdFdstatSetRights(fd, rightsBase, rightsInheriting, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> FdFilestatGet(int fd, CancellationToken cancellationToken) => Inner.FdFilestatGet(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetSize(int fd, ulong size, CancellationToken cancellationToken) => Inner.FdFilestatSetSize(fd, size, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetTimes(int fd, ulong accessTime, ulong modificationTime, FstFlags flags, CancellationToken cancellationToken) => Inner.FdFilestatSetTimes(fd, accessTime, modificationTime, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPread(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) => Inner.FdPread(fd, iovs, offset, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<Prestat>> FdPrestatGet(int fd, CancellationToken cancellationToken) => Inner.FdPrestatGet(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdPrestatDirName(int fd, Memory<byte> path, CancellationToken cancellationToken) => Inner.FdPrestatDirName(fd, path, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPwrite(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) => Inner.FdPwrite(fd, iovs, offset, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken) => Inner.FdRead(fd, iovs, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdReaddir(int fd, Memory<byte> buffer, ulong cookie, CancellationToken cancellationToken) => Inner.FdReaddir(fd, buffer, cookie, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdRenumber(int fd, int to, CancellationToken cancellationToken) => Inner.FdRenumber(fd, to, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdSeek(int fd, long offset, Whence whence, CancellationToken cancellationToken) => Inner.FdSeek(fd, offset, whence, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdSync(int fd, CancellationToken cancellationToken) => Inner.FdSync(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdTell(int fd, CancellationToken cancellationToken) => Inner.FdTell(fd, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken) => Inner.FdWrite(fd, iovs, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathCreateDirectory(int fd, string path, CancellationToken cancellationToken) => Inner.PathCreateDirectory(fd, path, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> PathFilestatGet(int fd, LookupFlags flags, string path, CancellationToken cancellationToken) => Inner.PathFilestatGet(fd, flags, path, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathFilestatSetTimes(int fd, LookupFlags flags, string path, ulong accessTime, ulong modificationTime, FstFlags fstFlags, CancellationToken cancellationToken) => Inner.PathFilestatSetTimes(fd, flags, path, accessTime, modificationTime, fstFlags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathLink(int oldFd, LookupFlags oldFlags, string oldPath, int newFd, string newPath, CancellationToken cancellationToken) => Inner.PathLink(oldFd, oldFlags, oldPath, newFd, newPath, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> PathOpen(int fd, LookupFlags dirFlags, string path, OFlags openFlags, Rights rightsBase, Rights rightsInheriting, FdFlags fdFlags, CancellationToken cancellationToken) => Inner.PathOpen(fd, dirFlags, path, openFlags, rightsBase, rightsInheriting, fdFlags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PathReadlink(int fd, string path, Memory<byte> buffer, CancellationToken cancellationToken) => Inner.PathReadlink(fd, path, buffer, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRemoveDirectory(int fd, string path, CancellationToken cancellationToken) => Inner.PathRemoveDirectory(fd, path, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRename(int fd, string oldPath, int newFd, string newPath, CancellationToken cancellationToken) => Inner.PathRename(fd, oldPath, newFd, newPath, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathSymlink(string oldPath, int fd, string newPath, CancellationToken cancellationToken) => Inner.PathSymlink(oldPath, fd, newPath, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> PathUnlinkFile(int fd, string path, CancellationToken cancellationToken) => Inner.PathUnlinkFile(fd, path, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PollOneoff(SubscriptionArray subscriptions, EventArray events, CancellationToken cancellationToken) => Inner.PollOneoff(subscriptions, events, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> ProcRaise(Signal signal, CancellationToken cancellationToken) => Inner.ProcRaise(signal, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> SockAccept(int fd, FdFlags flags, CancellationToken cancellationToken) => Inner.SockAccept(fd, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<(uint Length, RoFlags Flags)>> SockRecv(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken) => Inner.SockRecv(fd, iovs, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> SockSend(int fd, IovecArray iovs, SiFlags flags, CancellationToken cancellationToken) => Inner.SockSend(fd, iovs, flags, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> SockShutdown(int fd, SdFlags how, CancellationToken cancellationToken) => Inner.SockShutdown(fd, how, cancellationToken);
}
