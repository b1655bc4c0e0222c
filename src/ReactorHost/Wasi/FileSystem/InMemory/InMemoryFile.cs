namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// An open regular file of an <see cref="InMemoryFileSystem"/>: its own position and access mode
/// over the shared inode, so it keeps working after the file is renamed or unlinked (the storage
/// goes when the last name and the last handle are gone).
/// </summary>
public sealed class InMemoryFile : WasiFile
{
    private readonly InMemoryFileSystem _fileSystem;
    private readonly InMemoryFileNode _node;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private long _position;
    private bool _disposed;

    internal InMemoryFile(InMemoryFileSystem fileSystem, InMemoryFileNode node, bool canRead, bool canWrite, FdFlags flags)
    {
        _fileSystem = fileSystem;
        _node = node;
        _canRead = canRead;
        _canWrite = canWrite;
        Flags = flags;
        node.OpenHandles++;
    }

    /// <summary>The file system the file belongs to.</summary>
    public InMemoryFileSystem FileSystem => _fileSystem;

    /// <inheritdoc/>
    public override FileType FileType => FileType.RegularFile;

    /// <inheritdoc/>
    public override ulong BytesReadable
    {
        get
        {
            lock (_fileSystem.SyncRoot)
            {
                var length = _node.Content.Length;
                return length > _position ? (ulong)(length - _position) : 0;
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        lock (_fileSystem.SyncRoot)
        {
            var result = ReadAt(iovs, _position);
            if (result.IsSuccess)
            {
                _position += result.Value;
            }

            return Result(result);
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PreadAsync(IovecArray iovs, ulong offset, CancellationToken cancellationToken)
    {
        if (offset > long.MaxValue)
        {
            return Result<uint>(Errno.Inval);
        }

        lock (_fileSystem.SyncRoot)
        {
            return Result(ReadAt(iovs, (long)offset));
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> WriteAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        lock (_fileSystem.SyncRoot)
        {
            if ((Flags & FdFlags.Append) != 0 && _canWrite)
            {
                _position = _node.Content.Length;
            }

            var result = WriteAt(iovs, _position);
            if (result.IsSuccess)
            {
                _position += result.Value;
            }

            return Result(result);
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> PwriteAsync(IovecArray iovs, ulong offset, CancellationToken cancellationToken)
    {
        if (offset > long.MaxValue)
        {
            return Result<uint>(Errno.Inval);
        }

        lock (_fileSystem.SyncRoot)
        {
            return Result(WriteAt(iovs, (long)offset));
        }
    }

    private WasiResult<uint> ReadAt(IovecArray iovs, long offset)
    {
        if (!_canRead)
        {
            return Errno.Badf;
        }

        long total = 0;
        for (var i = 0; i < iovs.Count; i++)
        {
            var span = iovs.GetSpan(i);
            if (span.IsEmpty)
            {
                continue;
            }

            var n = _node.Content.Read(offset + total, span);
            total += n;
            if (n < span.Length)
            {
                break;
            }
        }

        _node.ATim = _fileSystem.Now();
        return (uint)total;
    }

    private WasiResult<uint> WriteAt(IovecArray iovs, long offset)
    {
        if (!_canWrite)
        {
            return Errno.Badf;
        }

        long total = 0;
        for (var i = 0; i < iovs.Count; i++)
        {
            var span = iovs.GetSpan(i);
            var e = _fileSystem.WriteContent(_node, offset + total, span, out var written);
            total += written;
            if (e != Errno.Success || written < span.Length)
            {
                // Report what was written; the error only when nothing was (like write(2)).
                if (total == 0 && e != Errno.Success)
                {
                    return e;
                }

                break;
            }
        }

        if (total > 0)
        {
            _node.Modified(_fileSystem.Now());
        }

        return (uint)total;
    }

    /// <inheritdoc/>
    public override bool IsSeekable => true;

    /// <inheritdoc/>
    public override WasiResult<ulong> Seek(long offset, Whence whence)
    {
        lock (_fileSystem.SyncRoot)
        {
            long basis = whence switch
            {
                Whence.Set => 0,
                Whence.Cur => _position,
                Whence.End => _node.Content.Length,
                _ => -1,
            };
            if (basis < 0)
            {
                return Errno.Inval;
            }

            var target = basis + offset;
            if ((offset > 0 && target < basis) || target < 0)
            {
                return Errno.Inval;
            }

            _position = target;
            return (ulong)target;
        }
    }

    /// <inheritdoc/>
    public override WasiResult<FileStat> GetStat()
    {
        lock (_fileSystem.SyncRoot)
        {
            return _node.Stat(_fileSystem.DeviceId);
        }
    }

    /// <inheritdoc/>
    public override Errno SetSize(ulong size)
    {
        lock (_fileSystem.SyncRoot)
        {
            if (size > (ulong)_fileSystem.MaxFileSize)
            {
                return Errno.Fbig;
            }

            if (!_canWrite)
            {
                return Errno.Badf;
            }

            var e = _fileSystem.Resize(_node, (long)size);
            if (e == Errno.Success)
            {
                _node.Modified(_fileSystem.Now());
            }

            return e;
        }
    }

    /// <inheritdoc/>
    public override Errno SetTimes(ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        lock (_fileSystem.SyncRoot)
        {
            return _fileSystem.SetTimes(_node, accessTime, modificationTime, flags);
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

        lock (_fileSystem.SyncRoot)
        {
            if (!_canWrite)
            {
                return Errno.Badf;
            }

            if ((long)end <= _node.Content.Length)
            {
                return Errno.Success;
            }

            var e = _fileSystem.Resize(_node, (long)end);
            if (e == Errno.Success)
            {
                _node.Modified(_fileSystem.Now());
            }

            return e;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_fileSystem.SyncRoot)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    _node.OpenHandles--;
                    _fileSystem.ReleaseIfUnused(_node);
                }
            }
        }

        base.Dispose(disposing);
    }
}
