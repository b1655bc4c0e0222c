namespace ReactorHost.Wasi;

/// <summary>
/// The semantics of WASI preview1, separate from its ABI: one virtual member per syscall, taking
/// decoded arguments (guest buffers as zero-copy <see cref="Memory{T}"/>/<see cref="IovecArray"/>
/// views, paths as strings) and returning an <see cref="Errno"/> or a <see cref="WasiResult{T}"/>.
/// Every member answers <see cref="Errno.Nosys"/> unless overridden, so a handler implements only
/// what it supports.
/// </summary>
/// <remarks>
/// <para>
/// The members of the "direct" group (arguments, environment, clocks, random, sched_yield,
/// proc_exit) are synchronous: the syscall layer answers them inline on the guest thread. All
/// other members are asynchronous (<see cref="ValueTask"/>) and receive the cancellation token of
/// the guest; in background mode they are reached through the <c>SyscallLock</c>. Complete
/// synchronously whenever the work is synchronous: that path allocates nothing.
/// </para>
/// <para>
/// The guest is blocked while a call is outstanding, so views of its memory stay valid and
/// unchanged until the returned task completes; do not keep them afterwards.
/// Compose handlers by wrapping: derive from <see cref="DelegatingWasiHandler"/> and override the
/// members to intercept (tracing, policy, an in-memory file system in front of the host one).
/// </para>
/// </remarks>
public abstract partial class WasiHandler
{
    /// <summary>The answer of every member that is not overridden.</summary>
    protected static ValueTask<Errno> NotSupported => new(Errno.Nosys);

    /// <summary>The answer of every value-returning member that is not overridden.</summary>
    protected static ValueTask<WasiResult<T>> NotSupportedResult<T>() => new(new WasiResult<T>(Errno.Nosys, default!));


    /// <summary>The command-line arguments (<c>args_get</c>, <c>args_sizes_get</c>).</summary>
    public virtual WasiResult<WasiStrings> GetArguments() => Errno.Nosys;

    /// <summary>The environment as KEY=VALUE strings (<c>environ_get</c>, <c>environ_sizes_get</c>).</summary>
    public virtual WasiResult<WasiStrings> GetEnvironment() => Errno.Nosys;

    /// <summary>The resolution of a clock in ns (<c>clock_res_get</c>).</summary>
    public virtual WasiResult<ulong> ClockResGet(ClockId id) => Errno.Nosys;

    /// <summary>The time of a clock in ns (<c>clock_time_get</c>).</summary>
    public virtual WasiResult<ulong> ClockTimeGet(ClockId id, ulong precision) => Errno.Nosys;

    /// <summary>Fills <paramref name="buffer"/> (guest memory) with random bytes (<c>random_get</c>).</summary>
    public virtual Errno RandomGet(Span<byte> buffer) => Errno.Nosys;

    /// <summary>Yields the guest thread (<c>sched_yield</c>).</summary>
    public virtual Errno SchedYield() => Errno.Nosys;

    /// <summary>Terminates the process (<c>proc_exit</c>); the default throws <see cref="WasiExitException"/>, which unwinds the guest.</summary>
    public virtual void ProcExit(int exitCode) => throw new WasiExitException(exitCode);

    /// <summary><c>fd_advise</c>.</summary>
    public virtual ValueTask<Errno> FdAdvise(int fd, ulong offset, ulong length, Advice advice, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_allocate</c>.</summary>
    public virtual ValueTask<Errno> FdAllocate(int fd, ulong offset, ulong length, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_close</c>.</summary>
    public virtual ValueTask<Errno> FdClose(int fd, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_datasync</c>.</summary>
    public virtual ValueTask<Errno> FdDatasync(int fd, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_fdstat_get</c>.</summary>
    public virtual ValueTask<WasiResult<FdStat>> FdFdstatGet(int fd, CancellationToken cancellationToken) => NotSupportedResult<FdStat>();

    /// <summary><c>fd_fdstat_set_flags</c>.</summary>
    public virtual ValueTask<Errno> FdFdstatSetFlags(int fd, FdFlags flags, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_fdstat_set_rights</c>.</summary>
    public virtual ValueTask<Errno> FdFdstatSetRights(int fd, Rights rightsBase, Rights rightsInheriting, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_filestat_get</c>.</summary>
    public virtual ValueTask<WasiResult<FileStat>> FdFilestatGet(int fd, CancellationToken cancellationToken) => NotSupportedResult<FileStat>();

    /// <summary><c>fd_filestat_set_size</c>.</summary>
    public virtual ValueTask<Errno> FdFilestatSetSize(int fd, ulong size, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_filestat_set_times</c>.</summary>
    public virtual ValueTask<Errno> FdFilestatSetTimes(int fd, ulong accessTime, ulong modificationTime, FstFlags flags, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_pread</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> FdPread(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>fd_prestat_get</c>.</summary>
    public virtual ValueTask<WasiResult<Prestat>> FdPrestatGet(int fd, CancellationToken cancellationToken) => NotSupportedResult<Prestat>();

    /// <summary><c>fd_prestat_dir_name</c>.</summary>
    public virtual ValueTask<Errno> FdPrestatDirName(int fd, Memory<byte> path, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_pwrite</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> FdPwrite(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>fd_read</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>fd_readdir</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> FdReaddir(int fd, Memory<byte> buffer, ulong cookie, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>fd_renumber</c>.</summary>
    public virtual ValueTask<Errno> FdRenumber(int fd, int to, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_seek</c>.</summary>
    public virtual ValueTask<WasiResult<ulong>> FdSeek(int fd, long offset, Whence whence, CancellationToken cancellationToken) => NotSupportedResult<ulong>();

    /// <summary><c>fd_sync</c>.</summary>
    public virtual ValueTask<Errno> FdSync(int fd, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>fd_tell</c>.</summary>
    public virtual ValueTask<WasiResult<ulong>> FdTell(int fd, CancellationToken cancellationToken) => NotSupportedResult<ulong>();

    /// <summary><c>fd_write</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>path_create_directory</c>.</summary>
    public virtual ValueTask<Errno> PathCreateDirectory(int fd, string path, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>path_filestat_get</c>.</summary>
    public virtual ValueTask<WasiResult<FileStat>> PathFilestatGet(int fd, LookupFlags flags, string path, CancellationToken cancellationToken) => NotSupportedResult<FileStat>();

    /// <summary><c>path_filestat_set_times</c>.</summary>
    public virtual ValueTask<Errno> PathFilestatSetTimes(int fd, LookupFlags flags, string path, ulong accessTime, ulong modificationTime, FstFlags fstFlags, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>path_link</c>.</summary>
    public virtual ValueTask<Errno> PathLink(int oldFd, LookupFlags oldFlags, string oldPath, int newFd, string newPath, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>path_open</c>.</summary>
    public virtual ValueTask<WasiResult<int>> PathOpen(int fd, LookupFlags dirFlags, string path, OFlags openFlags, Rights rightsBase, Rights rightsInheriting, FdFlags fdFlags, CancellationToken cancellationToken) => NotSupportedResult<int>();

    /// <summary><c>path_readlink</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> PathReadlink(int fd, string path, Memory<byte> buffer, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>path_remove_directory</c>.</summary>
    public virtual ValueTask<Errno> PathRemoveDirectory(int fd, string path, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>path_rename</c>.</summary>
    public virtual ValueTask<Errno> PathRename(int fd, string oldPath, int newFd, string newPath, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>path_symlink</c>.</summary>
    public virtual ValueTask<Errno> PathSymlink(string oldPath, int fd, string newPath, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>path_unlink_file</c>.</summary>
    public virtual ValueTask<Errno> PathUnlinkFile(int fd, string path, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>poll_oneoff</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> PollOneoff(SubscriptionArray subscriptions, EventArray events, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>proc_raise</c>.</summary>
    public virtual ValueTask<Errno> ProcRaise(Signal signal, CancellationToken cancellationToken) => NotSupported;

    /// <summary><c>sock_accept</c>.</summary>
    public virtual ValueTask<WasiResult<int>> SockAccept(int fd, FdFlags flags, CancellationToken cancellationToken) => NotSupportedResult<int>();

    /// <summary><c>sock_recv</c>.</summary>
    public virtual ValueTask<WasiResult<(uint Length, RoFlags Flags)>> SockRecv(int fd, IovecArray iovs, RiFlags flags, CancellationToken cancellationToken) => NotSupportedResult<(uint Length, RoFlags Flags)>();

    /// <summary><c>sock_send</c>.</summary>
    public virtual ValueTask<WasiResult<uint>> SockSend(int fd, IovecArray iovs, SiFlags flags, CancellationToken cancellationToken) => NotSupportedResult<uint>();

    /// <summary><c>sock_shutdown</c>.</summary>
    public virtual ValueTask<Errno> SockShutdown(int fd, SdFlags how, CancellationToken cancellationToken) => NotSupported;
}
