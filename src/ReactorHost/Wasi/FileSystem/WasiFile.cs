namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// An open file description behind one or more guest fds: a regular file, a directory
/// (<see cref="WasiDirectory"/>), a stream (stdio) or anything an embedder provides (an in-memory
/// file system plugs in here). <see cref="StandardWasiHandler"/> checks rights and decodes fds;
/// the file implements the operation. Every member answers an errno suited to a file that does
/// not support it, so a subclass overrides only what it supports.
/// </summary>
public abstract class WasiFile : IDisposable
{
    /// <summary>The file's type as reported by fdstat/filestat.</summary>
    public abstract FileType FileType { get; }

    /// <summary>The fd flags (append, nonblock, sync...) of this open file description.</summary>
    public FdFlags Flags { get; set; }

    /// <summary>Reads into <paramref name="iovs"/> at the current position (advancing it).</summary>
    public virtual ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken) => Result<uint>(Errno.Badf);

    /// <summary>Writes <paramref name="iovs"/> at the current position (or the end when appending).</summary>
    public virtual ValueTask<WasiResult<uint>> WriteAsync(IovecArray iovs, CancellationToken cancellationToken) => Result<uint>(Errno.Badf);

    /// <summary>Reads at <paramref name="offset"/> without moving the position.</summary>
    public virtual ValueTask<WasiResult<uint>> PreadAsync(IovecArray iovs, ulong offset, CancellationToken cancellationToken) => Result<uint>(Errno.Spipe);

    /// <summary>Writes at <paramref name="offset"/> without moving the position.</summary>
    public virtual ValueTask<WasiResult<uint>> PwriteAsync(IovecArray iovs, ulong offset, CancellationToken cancellationToken) => Result<uint>(Errno.Spipe);

    /// <summary>Moves the position; returns the new one.</summary>
    public virtual WasiResult<ulong> Seek(long offset, Whence whence) => Errno.Spipe;

    /// <summary>
    /// Whether <see cref="Seek"/> can ever succeed (files with a position). A stream — stdio, a
    /// pipe, a socket — cannot: fd_seek/fd_tell on it answer ESPIPE whatever its rights say, as
    /// lseek(2) and Wasmtime do.
    /// </summary>
    public virtual bool IsSeekable => false;

    /// <summary>The file's attributes.</summary>
    public virtual WasiResult<FileStat> GetStat() => new FileStat { FileType = FileType };

    /// <summary>Truncates or extends the file.</summary>
    public virtual Errno SetSize(ulong size) => Errno.Inval;

    /// <summary>Sets timestamps (ns since the epoch); <paramref name="flags"/> says which and whether "now".</summary>
    public virtual Errno SetTimes(ulong accessTime, ulong modificationTime, FstFlags flags) => Errno.Notsup;

    /// <summary>Flushes data and metadata to storage.</summary>
    public virtual ValueTask<Errno> SyncAsync(bool dataOnly, CancellationToken cancellationToken) => new(Errno.Success);

    /// <summary>Advisory information about the access pattern.</summary>
    public virtual Errno Advise(ulong offset, ulong length, Advice advice) => Errno.Success;

    /// <summary>Ensures storage for the range is allocated (extends the file when needed).</summary>
    public virtual Errno Allocate(ulong offset, ulong length) => Errno.Notsup;

    /// <summary>Bytes available for reading now (for <c>poll_oneoff</c>); 0 when unknown.</summary>
    public virtual ulong BytesReadable => 0;

    // ---- readiness (poll_oneoff fd subscriptions, fdflags.nonblock) ----
    //
    // A file that can make a reader or writer wait (a pipe, a terminal, a socket...) overrides these
    // four members; regular files and directories are always ready, as on POSIX. Calls come from the
    // guest's syscalls, one at a time; a wait may be abandoned (its token cancelled) when poll_oneoff
    // returns for another reason, and must then leave the file as it was.

    /// <summary>
    /// True when a read would complete now without waiting (data buffered, end of stream, or an error
    /// to report). May start background work, such as a read-ahead, so that a later
    /// <see cref="WaitReadableAsync"/> can complete. Default: true.
    /// </summary>
    public virtual bool PollReadable() => true;

    /// <summary>True when a write would complete now without waiting. Default: true.</summary>
    public virtual bool PollWritable() => true;

    /// <summary>
    /// Completes when <see cref="PollReadable"/> would answer true, without a busy loop (throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first).
    /// The result is false when the file can never become readable (not open for reading, closed);
    /// poll then reports the subscription with <see cref="Errno.Badf"/>.
    /// </summary>
    public virtual ValueTask<bool> WaitReadableAsync(CancellationToken cancellationToken) => new(true);

    /// <summary>Completes when <see cref="PollWritable"/> would answer true; false when the file can never become writable.</summary>
    public virtual ValueTask<bool> WaitWritableAsync(CancellationToken cancellationToken) => new(true);

    /// <summary>True once the end of the stream was reached or the peer hung up (reported as <see cref="EventRwFlags.FdReadwriteHangup"/>).</summary>
    public virtual bool IsHungUp => false;

    /// <summary>Releases the file (called when its last fd closes).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>A completed result.</summary>
    protected static ValueTask<WasiResult<T>> Result<T>(WasiResult<T> result) => new(result);

    /// <summary>A completed result.</summary>
    protected static ValueTask<WasiResult<T>> Result<T>(Errno errno) => new(new WasiResult<T>(errno, default!));
}
