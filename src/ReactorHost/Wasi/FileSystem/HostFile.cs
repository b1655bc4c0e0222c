using Microsoft.Win32.SafeHandles;

namespace ReactorHost.Wasi.FileSystem;

/// <summary>A regular file on the host disk, read and written with positional I/O on its handle.</summary>
public sealed class HostFile : WasiFile
{
    private readonly SafeFileHandle _handle;
    private long _position;

    /// <summary>Wraps an open handle of <paramref name="hostPath"/>.</summary>
    public HostFile(SafeFileHandle handle, string hostPath, FdFlags flags)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
        HostPath = hostPath;
        Flags = flags;
    }

    /// <summary>The file's host path (as opened).</summary>
    public string HostPath { get; }

    /// <inheritdoc/>
    public override FileType FileType => FileType.RegularFile;

    /// <inheritdoc/>
    public override ulong BytesReadable
    {
        get
        {
            var length = RandomAccess.GetLength(_handle);
            return length > _position ? (ulong)(length - _position) : 0;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        var result = ReadAt(iovs, _position);
        if (result.IsSuccess)
        {
            _position += result.Value;
        }

        return Result(result);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PreadAsync(IovecArray iovs, ulong offset, CancellationToken cancellationToken) =>
        offset > long.MaxValue ? Result<uint>(Errno.Inval) : Result(ReadAt(iovs, (long)offset));

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> WriteAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        if ((Flags & FdFlags.Append) != 0)
        {
            _position = RandomAccess.GetLength(_handle);
        }

        var result = WriteAt(iovs, _position);
        if (result.IsSuccess)
        {
            _position += result.Value;
        }

        return Result(result);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PwriteAsync(IovecArray iovs, ulong offset, CancellationToken cancellationToken) =>
        offset > long.MaxValue ? Result<uint>(Errno.Inval) : Result(WriteAt(iovs, (long)offset));

    private WasiResult<uint> ReadAt(IovecArray iovs, long offset)
    {
        try
        {
            long total = 0;
            for (var i = 0; i < iovs.Count; i++)
            {
                var span = iovs.GetSpan(i);
                if (span.IsEmpty)
                {
                    continue;
                }

                var n = RandomAccess.Read(_handle, span, offset + total);
                total += n;
                if (n < span.Length)
                {
                    break;
                }
            }

            return (uint)total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return e is NotSupportedException ? Errno.Badf : HostPaths.ToErrno(e);
        }
    }

    private WasiResult<uint> WriteAt(IovecArray iovs, long offset)
    {
        try
        {
            long total = 0;
            for (var i = 0; i < iovs.Count; i++)
            {
                var span = iovs.GetSpan(i);
                RandomAccess.Write(_handle, span, offset + total);
                total += span.Length;
            }

            return (uint)total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return e is NotSupportedException ? Errno.Badf : HostPaths.ToErrno(e);
        }
    }

    /// <inheritdoc/>
    public override bool IsSeekable => true;

    /// <inheritdoc/>
    public override WasiResult<ulong> Seek(long offset, Whence whence)
    {
        long basis = whence switch
        {
            Whence.Set => 0,
            Whence.Cur => _position,
            _ => RandomAccess.GetLength(_handle),
        };
        var target = basis + offset;
        if ((offset > 0 && target < basis) || target < 0)
        {
            return Errno.Inval;
        }

        _position = target;
        return (ulong)target;
    }

    /// <inheritdoc/>
    public override WasiResult<FileStat> GetStat()
    {
        if (LibC.HasStatx)
        {
            // fstat: the handle is the truth even after a rename or unlink of the path.
            var e = LibC.Stat(_handle, out var own);
            return e == Errno.Success ? own : e;
        }

        var result = HostPaths.Stat(HostPath, HostEntryKind.File);
        if (result.IsSuccess)
        {
            // The path may have been renamed or unlinked since: the handle is the truth for size.
            var stat = result.Value;
            stat.FileSize = (ulong)RandomAccess.GetLength(_handle);
            return stat;
        }

        return new FileStat { Dev = 1, Ino = HostPaths.Inode(HostPath), NLink = 1, FileType = FileType.RegularFile, FileSize = (ulong)RandomAccess.GetLength(_handle) };
    }

    /// <inheritdoc/>
    public override Errno SetSize(ulong size)
    {
        if (size > long.MaxValue)
        {
            return Errno.Fbig;
        }

        try
        {
            RandomAccess.SetLength(_handle, (long)size);
            return Errno.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e is ArgumentException ? Errno.Badf : HostPaths.ToErrno(e);
        }
    }

    /// <inheritdoc/>
    public override Errno SetTimes(ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        if (HostDirectory.ConflictingTimeFlags(flags))
        {
            return Errno.Inval;
        }

        // futimens on the handle: the file may have been renamed or unlinked since it was opened.
        return LibC.HasStatx
            ? LibC.SetTimes(_handle, accessTime, modificationTime, flags)
            : HostDirectory.SetHostTimes(HostPath, true, accessTime, modificationTime, flags);
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> SyncAsync(bool dataOnly, CancellationToken cancellationToken)
    {
        try
        {
            RandomAccess.FlushToDisk(_handle);
            return new(Errno.Success);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(HostPaths.ToErrno(e));
        }
    }

    /// <inheritdoc/>
    public override Errno Allocate(ulong offset, ulong length)
    {
        var end = offset + length;
        if (end < offset || end > long.MaxValue)
        {
            return Errno.Fbig;
        }

        return (long)end > RandomAccess.GetLength(_handle) ? SetSize(end) : Errno.Success;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
