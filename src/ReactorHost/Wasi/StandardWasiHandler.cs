using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Wasi;

/// <summary>
/// The standard WASI preview1 semantics: arguments and environment, clocks, random, an fd table
/// of <see cref="WasiFile"/>s (stdio streams, preopened directories and what the guest opens
/// through them, and sockets) with rights enforcement, and <c>poll_oneoff</c> on clocks and fds. Files and
/// directories decide what an operation does (host disk, memory...); this class decides whether
/// the fd may do it. Sockets: see <see cref="SocketHandler"/> and docs/sockets.md; signals are not supported (ENOTSUP).
/// </summary>
public partial class StandardWasiHandler : WasiHandler
{
    /// <summary>Rights of a preopened directory fd.</summary>
    public const Rights DirectoryRights =
        Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdAdvise | Rights.PathCreateDirectory | Rights.PathCreateFile
        | Rights.PathLinkSource | Rights.PathLinkTarget | Rights.PathOpen | Rights.FdReaddir | Rights.PathReadlink
        | Rights.PathRenameSource | Rights.PathRenameTarget | Rights.PathFilestatGet | Rights.PathFilestatSetSize
        | Rights.PathFilestatSetTimes | Rights.FdFilestatGet | Rights.FdFilestatSetTimes | Rights.PathSymlink
        | Rights.PathRemoveDirectory | Rights.PathUnlinkFile | Rights.PollFdReadwrite;

    /// <summary>Rights meaningful on a regular file fd.</summary>
    public const Rights FileRights =
        Rights.FdDatasync | Rights.FdRead | Rights.FdSeek | Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdTell
        | Rights.FdWrite | Rights.FdAdvise | Rights.FdAllocate | Rights.FdFilestatGet | Rights.FdFilestatSetSize
        | Rights.FdFilestatSetTimes | Rights.PollFdReadwrite;

    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <summary>Creates the handler over <paramref name="fds"/>.</summary>
    public StandardWasiHandler(WasiStrings arguments, WasiStrings environment, WasiFdTable fds)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fds);
        Arguments = arguments;
        Environment = environment;
        Fds = fds;
    }

    /// <summary>The guest's arguments.</summary>
    public WasiStrings Arguments { get; }

    /// <summary>The guest's environment.</summary>
    public WasiStrings Environment { get; }

    /// <summary>The guest's fd table.</summary>
    public WasiFdTable Fds { get; }

    /// <summary>Time source for the realtime clock (tests may replace it).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    // ---- direct group ----

    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetArguments() => Arguments;

    /// <inheritdoc/>
    public override WasiResult<WasiStrings> GetEnvironment() => Environment;

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockResGet(ClockId id) => id switch
    {
        ClockId.Realtime => 1000UL,
        ClockId.Monotonic or ClockId.ProcessCputimeId or ClockId.ThreadCputimeId => Math.Max(1UL, 1_000_000_000UL / (ulong)Stopwatch.Frequency),
        _ => Errno.Inval,
    };

    /// <inheritdoc/>
    public override WasiResult<ulong> ClockTimeGet(ClockId id, ulong precision) => id switch
    {
        ClockId.Realtime => RealtimeNow(),
        ClockId.Monotonic => MonotonicNow(),
        ClockId.ProcessCputimeId or ClockId.ThreadCputimeId => (ulong)System.Environment.CpuUsage.TotalTime.Ticks * 100,
        _ => Errno.Inval,
    };

    private ulong RealtimeNow() => HostPaths.ToTimestamp(TimeProvider.GetUtcNow().UtcDateTime);

    private ulong MonotonicNow() => (ulong)(Stopwatch.GetElapsedTime(_startTimestamp).Ticks * 100) + 1;

    /// <inheritdoc/>
    public override Errno RandomGet(Span<byte> buffer)
    {
        RandomNumberGenerator.Fill(buffer);
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno SchedYield()
    {
        Thread.Yield();
        return Errno.Success;
    }

    // ---- fd helpers ----

    /// <summary>The entry at <paramref name="fd"/> when it holds every right in <paramref name="required"/>.</summary>
    protected Errno TryGet(int fd, Rights required, out WasiFdEntry entry)
    {
        if (Fds.Get(fd) is not { } found)
        {
            entry = null!;
            return Errno.Badf;
        }

        entry = found;
        return (found.RightsBase & required) == required ? Errno.Success : Errno.Notcapable;
    }

    /// <summary>The directory at <paramref name="fd"/> when it holds <paramref name="required"/>.</summary>
    protected Errno TryGetDirectory(int fd, Rights required, out WasiDirectory directory, out WasiFdEntry entry)
    {
        directory = null!;
        var e = TryGet(fd, required, out entry);
        if (e != Errno.Success)
        {
            return e;
        }

        if (entry.File is not WasiDirectory dir)
        {
            return Errno.Notdir;
        }

        directory = dir;
        return Errno.Success;
    }

    private static ValueTask<Errno> Done(Errno errno) => new(errno);

    private static ValueTask<WasiResult<T>> Done<T>(WasiResult<T> result) => new(result);

    // ---- fd_* ----

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAdvise(int fd, ulong offset, ulong length, Advice advice, CancellationToken cancellationToken) =>
        Done(TryGet(fd, Rights.FdAdvise, out var entry) is var e && e != Errno.Success ? e : entry.File.Advise(offset, length, advice));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdAllocate(int fd, ulong offset, ulong length, CancellationToken cancellationToken) =>
        Done(TryGet(fd, Rights.FdAllocate, out var entry) is var e && e != Errno.Success ? e : entry.File.Allocate(offset, length));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdClose(int fd, CancellationToken cancellationToken) => Done(Fds.Close(fd) ? Errno.Success : Errno.Badf);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdDatasync(int fd, CancellationToken cancellationToken) =>
        TryGet(fd, Rights.FdDatasync, out var entry) is var e && e != Errno.Success ? Done(e) : entry.File.SyncAsync(true, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<Errno> FdSync(int fd, CancellationToken cancellationToken) =>
        TryGet(fd, Rights.FdSync, out var entry) is var e && e != Errno.Success ? Done(e) : entry.File.SyncAsync(false, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FdStat>> FdFdstatGet(int fd, CancellationToken cancellationToken)
    {
        if (Fds.Get(fd) is not { } entry)
        {
            return Done<FdStat>(Errno.Badf);
        }

        return Done<FdStat>(new FdStat
        {
            FileType = entry.File.FileType,
            Flags = entry.File.Flags,
            RightsBase = entry.RightsBase,
            RightsInheriting = entry.RightsInheriting,
        });
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetFlags(int fd, FdFlags flags, CancellationToken cancellationToken)
    {
        var e = TryGet(fd, Rights.FdFdstatSetFlags, out var entry);
        if (e == Errno.Success)
        {
            entry.File.Flags = flags;
        }

        return Done(e);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFdstatSetRights(int fd, Rights rightsBase, Rights rightsInheriting, CancellationToken cancellationToken)
    {
        if (Fds.Get(fd) is not { } entry)
        {
            return Done(Errno.Badf);
        }

        // Rights can only be narrowed.
        if ((rightsBase & ~entry.RightsBase) != 0 || (rightsInheriting & ~entry.RightsInheriting) != 0)
        {
            return Done(Errno.Notcapable);
        }

        entry.RightsBase = rightsBase;
        entry.RightsInheriting = rightsInheriting;
        return Done(Errno.Success);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> FdFilestatGet(int fd, CancellationToken cancellationToken) =>
        Done(TryGet(fd, Rights.FdFilestatGet, out var entry) is var e && e != Errno.Success ? e : entry.File.GetStat());

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetSize(int fd, ulong size, CancellationToken cancellationToken) =>
        Done(TryGet(fd, Rights.FdFilestatSetSize, out var entry) is var e && e != Errno.Success ? e : entry.File.SetSize(size));

    /// <inheritdoc/>
    public override ValueTask<Errno> FdFilestatSetTimes(int fd, ulong accessTime, ulong modificationTime, FstFlags flags, CancellationToken cancellationToken) =>
        Done(TryGet(fd, Rights.FdFilestatSetTimes, out var entry) is var e && e != Errno.Success ? e : entry.File.SetTimes(accessTime, modificationTime, flags));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPread(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) =>
        TryGet(fd, Rights.FdRead | Rights.FdSeek, out var entry) is var e && e != Errno.Success ? Done<uint>(e) : entry.File.PreadAsync(iovs, offset, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdPwrite(int fd, IovecArray iovs, ulong offset, CancellationToken cancellationToken) =>
        TryGet(fd, Rights.FdWrite | Rights.FdSeek, out var entry) is var e && e != Errno.Success ? Done<uint>(e) : entry.File.PwriteAsync(iovs, offset, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        var e = TryGet(fd, Rights.FdRead, out var entry);
        return e != Errno.Success ? Done<uint>(e)
            : WouldBlock(entry.File, write: false) ? Done<uint>(Errno.Again)
            : entry.File.ReadAsync(iovs, cancellationToken);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        var e = TryGet(fd, Rights.FdWrite, out var entry);
        return e != Errno.Success ? Done<uint>(e)
            : WouldBlock(entry.File, write: true) ? Done<uint>(Errno.Again)
            : entry.File.WriteAsync(iovs, cancellationToken);
    }

    /// <summary>
    /// True when <paramref name="file"/> is in non-blocking mode (<see cref="FdFlags.Nonblock"/>) and
    /// the operation would have to wait: the caller answers <see cref="Errno.Again"/>. Regular files
    /// are always ready, as on POSIX.
    /// </summary>
    protected static bool WouldBlock(WasiFile file, bool write)
    {
        ArgumentNullException.ThrowIfNull(file);
        return (file.Flags & FdFlags.Nonblock) != 0 && !(write ? file.PollWritable() : file.PollReadable());
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<Prestat>> FdPrestatGet(int fd, CancellationToken cancellationToken)
    {
        if (Fds.Get(fd) is not { } entry)
        {
            return Done<Prestat>(Errno.Badf);
        }

        return entry.PreopenName is { } name
            ? Done<Prestat>(Prestat.Directory((uint)Encoding.UTF8.GetByteCount(name)))
            : Done<Prestat>(Errno.Badf);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdPrestatDirName(int fd, Memory<byte> path, CancellationToken cancellationToken)
    {
        if (Fds.Get(fd)?.PreopenName is not { } name)
        {
            return Done(Errno.Badf);
        }

        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length > path.Length)
        {
            return Done(Errno.Nametoolong);
        }

        bytes.CopyTo(path.Span);
        return Done(Errno.Success);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> FdReaddir(int fd, Memory<byte> buffer, ulong cookie, CancellationToken cancellationToken)
    {
        var e = TryGetDirectory(fd, Rights.FdReaddir, out var directory, out var entry);
        if (e != Errno.Success)
        {
            return Done<uint>(e);
        }

        // Cookie 0 starts a fresh listing; later cookies page through the same snapshot.
        if (cookie == 0 || entry.Listing is null)
        {
            var listing = directory.ReadEntries();
            if (!listing.IsSuccess)
            {
                return Done<uint>(listing.Errno);
            }

            entry.Listing = listing.Value;
        }

        var entries = entry.Listing;
        var span = buffer.Span;
        var used = 0;
        for (var i = cookie; i < (ulong)entries.Count; i++)
        {
            var item = entries[(int)i];
            var name = Encoding.UTF8.GetBytes(item.Name);
            var header = new Dirent { Next = i + 1, Ino = item.Ino, NameLength = (uint)name.Length, Type = item.Type };
            if (!DirentWriter.TryAppend(span, ref used, in header, name))
            {
                break;
            }
        }

        return Done<uint>((uint)used);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> FdRenumber(int fd, int to, CancellationToken cancellationToken) => Done(Fds.Renumber(fd, to));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdSeek(int fd, long offset, Whence whence, CancellationToken cancellationToken)
    {
        var required = whence == Whence.Cur && offset == 0 ? Rights.FdTell : Rights.FdSeek;
        var e = TryGet(fd, required, out var entry);
        if (e != Errno.Success && required == Rights.FdTell)
        {
            e = TryGet(fd, Rights.FdSeek, out entry);
        }

        return Done(e != Errno.Success ? Unseekable(e, entry) : entry.File is WasiDirectory ? Errno.Badf : entry.File.Seek(offset, whence));
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<ulong>> FdTell(int fd, CancellationToken cancellationToken) =>
        Done(TryGet(fd, Rights.FdTell, out var entry) is var e && e != Errno.Success ? Unseekable(e, entry) : entry.File.Seek(0, Whence.Cur));

    /// <summary>
    /// A seek refused for want of rights on a stream is ESPIPE, as lseek(2) and Wasmtime answer
    /// (stdio has no seek rights, so that wasi-libc's isatty works; the errno must still say "pipe").
    /// </summary>
    private static Errno Unseekable(Errno refused, WasiFdEntry? entry) =>
        refused == Errno.Notcapable && entry is { File: { IsSeekable: false } and not WasiDirectory } ? Errno.Spipe : refused;

    // ---- path_* ----

    /// <inheritdoc/>
    public override ValueTask<Errno> PathCreateDirectory(int fd, string path, CancellationToken cancellationToken) =>
        Done(TryGetDirectory(fd, Rights.PathCreateDirectory, out var dir, out _) is var e && e != Errno.Success ? e : dir.CreateDirectory(path));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<FileStat>> PathFilestatGet(int fd, LookupFlags flags, string path, CancellationToken cancellationToken) =>
        Done(TryGetDirectory(fd, Rights.PathFilestatGet, out var dir, out _) is var e && e != Errno.Success
            ? e
            : dir.GetStat(path, (flags & LookupFlags.SymlinkFollow) != 0));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathFilestatSetTimes(int fd, LookupFlags flags, string path, ulong accessTime, ulong modificationTime, FstFlags fstFlags, CancellationToken cancellationToken) =>
        Done(TryGetDirectory(fd, Rights.PathFilestatSetTimes, out var dir, out _) is var e && e != Errno.Success
            ? e
            : dir.SetTimes(path, (flags & LookupFlags.SymlinkFollow) != 0, accessTime, modificationTime, fstFlags));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathLink(int oldFd, LookupFlags oldFlags, string oldPath, int newFd, string newPath, CancellationToken cancellationToken)
    {
        var e = TryGetDirectory(oldFd, Rights.PathLinkSource, out var from, out _);
        if (e == Errno.Success)
        {
            e = TryGetDirectory(newFd, Rights.PathLinkTarget, out var to, out _);
            if (e == Errno.Success)
            {
                e = from.Link(oldPath, (oldFlags & LookupFlags.SymlinkFollow) != 0, to, newPath);
            }
        }

        return Done(e);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<int>> PathOpen(int fd, LookupFlags dirFlags, string path, OFlags openFlags, Rights rightsBase, Rights rightsInheriting, FdFlags fdFlags, CancellationToken cancellationToken)
    {
        var required = Rights.PathOpen;
        if ((openFlags & OFlags.Creat) != 0)
        {
            required |= Rights.PathCreateFile;
        }

        if ((openFlags & OFlags.Trunc) != 0)
        {
            required |= Rights.PathFilestatSetSize;
        }

        var e = TryGetDirectory(fd, required, out var directory, out var parent);
        if (e != Errno.Success)
        {
            return Done<int>(e);
        }

        // A new fd never holds more than its parent may hand down.
        var newBase = rightsBase & parent.RightsInheriting;
        var newInheriting = rightsInheriting & parent.RightsInheriting;
        var request = new WasiOpenRequest(
            path,
            (dirFlags & LookupFlags.SymlinkFollow) != 0,
            openFlags,
            fdFlags,
            Read: (newBase & (Rights.FdRead | Rights.FdReaddir)) != 0,
            Write: (newBase & (Rights.FdWrite | Rights.FdAllocate | Rights.FdFilestatSetSize)) != 0 || (fdFlags & FdFlags.Append) != 0);
        // FD_WRITE asks for a writable descriptor, which a directory never is: EISDIR, like
        // open(2) with O_WRONLY/O_RDWR and like Wasmtime (which maps FD_WRITE to a write open).
        // (O_CREAT naming an existing directory is EISDIR too: the file systems answer that, as
        // open(2) does.) The other file-only rights are simply not granted on a directory.
        var forWriting = (rightsBase & Rights.FdWrite) != 0;
        var opening = directory.OpenAsync(request, cancellationToken);
        return opening.IsCompletedSuccessfully
            ? Done(Install(opening.Result, newBase, newInheriting, forWriting))
            : AwaitOpen(opening, newBase, newInheriting, forWriting);

        async ValueTask<WasiResult<int>> AwaitOpen(ValueTask<WasiResult<WasiFile>> pending, Rights b, Rights i, bool w) => Install(await pending.ConfigureAwait(false), b, i, w);
    }

    private WasiResult<int> Install(WasiResult<WasiFile> opened, Rights rightsBase, Rights rightsInheriting, bool forWriting)
    {
        if (!opened.IsSuccess)
        {
            return opened.Errno;
        }

        var file = opened.Value;
        if (forWriting && file is WasiDirectory)
        {
            file.Dispose();
            return Errno.Isdir;
        }

        rightsBase &= file is WasiDirectory ? DirectoryRights : FileRights;
        if (file is not WasiDirectory)
        {
            rightsInheriting = Rights.None;
        }

        var fd = Fds.Add(new WasiFdEntry(file, rightsBase, rightsInheriting));
        if (fd < 0)
        {
            file.Dispose();
            return Errno.Nfile;
        }

        return fd;
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PathReadlink(int fd, string path, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var e = TryGetDirectory(fd, Rights.PathReadlink, out var dir, out _);
        if (e != Errno.Success)
        {
            return Done<uint>(e);
        }

        var target = dir.ReadLink(path);
        if (!target.IsSuccess)
        {
            return Done<uint>(target.Errno);
        }

        // Like readlink(2): truncate silently to the buffer.
        var bytes = Encoding.UTF8.GetBytes(target.Value);
        var n = Math.Min(bytes.Length, buffer.Length);
        bytes.AsSpan(0, n).CopyTo(buffer.Span);
        return Done<uint>((uint)n);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRemoveDirectory(int fd, string path, CancellationToken cancellationToken)
    {
        var e = TryGetDirectory(fd, Rights.PathRemoveDirectory, out var dir, out _);
        if (e != Errno.Success)
        {
            return Done(e);
        }

        // rmdir(2) refuses a path ending in "." (EINVAL) or ".." (ENOTEMPTY) once the directory it
        // names exists; the file systems resolve "d/." to "d" and would remove it.
        var last = LastComponent(path);
        if (last is "." or "..")
        {
            var stat = dir.GetStat(path, followSymlinks: false);
            return Done(!stat.IsSuccess ? stat.Errno : last == "." ? Errno.Inval : Errno.Notempty);
        }

        return Done(dir.RemoveDirectory(path));
    }

    /// <summary>The last non-empty component of <paramref name="path"/> (trailing slashes ignored).</summary>
    private static string LastComponent(string path)
    {
        var trimmed = path.AsSpan().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return trimmed[(slash + 1)..].ToString();
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathRename(int fd, string oldPath, int newFd, string newPath, CancellationToken cancellationToken)
    {
        var e = TryGetDirectory(fd, Rights.PathRenameSource, out var from, out _);
        if (e == Errno.Success)
        {
            e = TryGetDirectory(newFd, Rights.PathRenameTarget, out var to, out _);
            if (e == Errno.Success)
            {
                e = from.Rename(oldPath, to, newPath);
            }
        }

        return Done(e);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> PathSymlink(string oldPath, int fd, string newPath, CancellationToken cancellationToken) =>
        Done(TryGetDirectory(fd, Rights.PathSymlink, out var dir, out _) is var e && e != Errno.Success ? e : dir.Symlink(oldPath, newPath));

    /// <inheritdoc/>
    public override ValueTask<Errno> PathUnlinkFile(int fd, string path, CancellationToken cancellationToken) =>
        Done(TryGetDirectory(fd, Rights.PathUnlinkFile, out var dir, out _) is var e && e != Errno.Success ? e : dir.UnlinkFile(path));

    // ---- poll, signals, sockets ----

    /// <inheritdoc/>
    /// <remarks>
    /// Answers at once when a subscription is ready (an expired clock, a ready fd, or an error such as
    /// EBADF, which is reported in its event). Otherwise waits, without polling in a loop, for the
    /// first of: the earliest clock deadline (a timer) and every fd subscription's
    /// <see cref="WasiFile.WaitReadableAsync"/> / <see cref="WasiFile.WaitWritableAsync"/>; then reports
    /// every subscription ready at that moment. Regular files and directories are always ready.
    /// </remarks>
    public override ValueTask<WasiResult<uint>> PollOneoff(SubscriptionArray subscriptions, EventArray events, CancellationToken cancellationToken)
    {
        // Relative timeouts count from the call, not from each re-check.
        var startMonotonic = MonotonicNow();
        var startRealtime = RealtimeNow();
        var count = FillReadyEvents(subscriptions, events, startMonotonic, startRealtime, null, out var nextDeadline, out var waitsForFds);
        if (count > 0 || (nextDeadline == ulong.MaxValue && !waitsForFds))
        {
            return Done<uint>(count);
        }

        return WaitAndPoll(subscriptions, events, startMonotonic, startRealtime, nextDeadline, waitsForFds, cancellationToken);
    }

    private async ValueTask<WasiResult<uint>> WaitAndPoll(SubscriptionArray subscriptions, EventArray events, ulong startMonotonic, ulong startRealtime, ulong deadline, bool waitsForFds, CancellationToken cancellationToken)
    {
        // Subscriptions whose file said it can never become ready: reported with EBADF.
        bool[]? dead = null;
        while (true)
        {
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var waits = new List<Task<bool>>();
                var owners = new List<int>();
                if (waitsForFds)
                {
                    for (var i = 0; i < subscriptions.Count; i++)
                    {
                        var s = subscriptions[i];
                        if (s.Type is EventType.FdRead or EventType.FdWrite && Fds.Get(s.FileDescriptor) is { } entry && dead?[i] != true)
                        {
                            var wait = s.Type == EventType.FdRead ? entry.File.WaitReadableAsync(wake.Token) : entry.File.WaitWritableAsync(wake.Token);
                            waits.Add(wait.AsTask());
                            owners.Add(i);
                        }
                    }
                }

                if (deadline != ulong.MaxValue)
                {
                    var now = MonotonicNow();

                    // Timers tick in milliseconds: round up so the deadline has passed on wake-up.
                    var ticks = deadline > now ? (long)Math.Min((deadline - now + 99) / 100, (ulong)TimeSpan.FromDays(1).Ticks) : 0;
                    var delay = TimeSpan.FromTicks(Math.Max(ticks, TimeSpan.TicksPerMillisecond));
                    waits.Add(DelayAsync(delay, wake.Token));
                }

                var first = await Task.WhenAny(waits).ConfigureAwait(false);
                wake.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                var index = waits.IndexOf(first);
                if (index < owners.Count && first.IsCompletedSuccessfully && !first.Result)
                {
                    dead ??= new bool[subscriptions.Count];
                    dead[owners[index]] = true;
                }
                else if (first.IsFaulted)
                {
                    await first.ConfigureAwait(false);
                }
            }

            var count = FillReadyEvents(subscriptions, events, startMonotonic, startRealtime, dead, out deadline, out waitsForFds);
            if (count > 0)
            {
                return count;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, TimeProvider, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Writes an event for every subscription that is ready now: expired clocks, ready fds (a bad fd
    /// or a dead subscription is an event with its error). Returns the count, the earliest pending
    /// clock deadline (monotonic ns; MaxValue when none) and whether some fd is not ready yet.
    /// </summary>
    private uint FillReadyEvents(SubscriptionArray subscriptions, EventArray events, ulong startMonotonic, ulong startRealtime, bool[]? dead, out ulong nextDeadline, out bool waitsForFds)
    {
        nextDeadline = ulong.MaxValue;
        waitsForFds = false;
        var monotonic = MonotonicNow();
        var count = 0;
        for (var i = 0; i < subscriptions.Count; i++)
        {
            var s = subscriptions[i];
            var ev = new Event { UserData = s.UserData, Type = s.Type };
            switch (s.Type)
            {
                case EventType.Clock:
                {
                    ulong deadline;
                    if (s.ClockId is not (ClockId.Realtime or ClockId.Monotonic))
                    {
                        ev.Error = Errno.Inval;
                        events.Set(count++, in ev);
                        continue;
                    }

                    if ((s.ClockFlags & SubClockFlags.SubscriptionClockAbstime) == 0)
                    {
                        deadline = startMonotonic + s.Timeout < startMonotonic ? ulong.MaxValue - 1 : startMonotonic + s.Timeout;
                    }
                    else if (s.ClockId == ClockId.Monotonic)
                    {
                        deadline = s.Timeout;
                    }
                    else
                    {
                        deadline = s.Timeout <= startRealtime ? startMonotonic : startMonotonic + (s.Timeout - startRealtime);
                    }

                    if (deadline <= monotonic)
                    {
                        events.Set(count++, in ev);
                    }
                    else
                    {
                        nextDeadline = Math.Min(nextDeadline, deadline);
                    }

                    break;
                }

                case EventType.FdRead:
                case EventType.FdWrite:
                {
                    var e = TryGet(s.FileDescriptor, Rights.PollFdReadwrite, out var entry);
                    if (e == Errno.Success && dead?[i] == true)
                    {
                        e = Errno.Badf;
                    }

                    if (e != Errno.Success)
                    {
                        ev.Error = e;
                        events.Set(count++, in ev);
                        break;
                    }

                    var file = entry.File;
                    var read = s.Type == EventType.FdRead;
                    if (!(read ? file.PollReadable() : file.PollWritable()))
                    {
                        waitsForFds = true;
                        break;
                    }

                    ev.NBytes = read ? file.BytesReadable : 0;
                    ev.Flags = file.IsHungUp ? EventRwFlags.FdReadwriteHangup : EventRwFlags.None;
                    events.Set(count++, in ev);
                    break;
                }

                default:
                    ev.Error = Errno.Inval;
                    events.Set(count++, in ev);
                    break;
            }
        }

        return (uint)count;
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> ProcRaise(Signal signal, CancellationToken cancellationToken) => Done(Errno.Notsup);
}
