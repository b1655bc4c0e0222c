namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// A .NET <see cref="Stream"/> as a guest fd (stdin, stdout, stderr, or any stream an embedder
/// supplies). Not seekable from the guest. The file type is what the guest's isatty sees:
/// <see cref="FileType.CharacterDevice"/> only for a terminal.
/// </summary>
/// <remarks>
/// Readiness: a .NET stream cannot say whether a read would block, so when the guest asks
/// (<c>poll_oneoff</c> on the fd, or a read with <see cref="FdFlags.Nonblock"/>) the file starts one
/// <em>read-ahead</em> into a private buffer. The fd is readable once that read has completed (data,
/// end of stream or an error); later reads are served from the buffer first. Waiting for readiness
/// awaits the read-ahead, so nothing spins. Without such a question, reads go straight to the stream
/// into guest memory. Writes are always ready (a stream write waits for room itself).
/// </remarks>
public sealed class StreamFile : WasiFile
{
    private const int ReadAheadSize = 16 * 1024;

    private readonly bool _ownsStream;
    private byte[]? _buffer;
    private int _bufferStart;
    private int _bufferEnd;

    // The read-ahead: the byte count, 0 at end of stream, or -errno when the read failed.
    private Task<int>? _readAhead;
    private bool _endOfStream;
    private Errno _pendingError;

    /// <summary>Wraps <paramref name="stream"/>.</summary>
    public StreamFile(Stream stream, FileType fileType, bool ownsStream = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream = stream;
        FileType = fileType;
        _ownsStream = ownsStream;
    }

    /// <summary>The stream.</summary>
    public Stream Stream { get; }

    /// <summary>
    /// The host fd the stream reads, when it is one (the host's own stdin for
    /// <see cref="ReactorHost.WasiStdio.Inherit"/>): a blocking read whose data is already there is
    /// then done synchronously on the guest thread (no thread-pool hop), and only a read that would
    /// really wait goes asynchronous (so cancellation still reaches it).
    /// </summary>
    public int? HostFd { get; init; }

    /// <inheritdoc/>
    public override FileType FileType { get; }

    /// <inheritdoc/>
    public override ulong BytesReadable
    {
        get
        {
            if (_bufferEnd > _bufferStart)
            {
                return (ulong)(_bufferEnd - _bufferStart);
            }

            return _readAhead is null && Stream.CanRead && Stream.CanSeek ? (ulong)Math.Max(0, Stream.Length - Stream.Position) : 0;
        }
    }

    /// <inheritdoc/>
    public override bool IsHungUp => _endOfStream;

    /// <inheritdoc/>
    public override bool PollReadable()
    {
        if (!Stream.CanRead || _bufferEnd > _bufferStart || _endOfStream || _pendingError != Errno.Success)
        {
            return true;
        }

        if (_readAhead is null && HostFd is { } fd && LibC.IsReadableNow(fd))
        {
            return true;
        }

        _readAhead ??= StartReadAhead();
        if (!_readAhead.IsCompleted)
        {
            return false;
        }

        CollectReadAhead();
        return true;
    }

    /// <inheritdoc/>
    public override ValueTask<bool> WaitReadableAsync(CancellationToken cancellationToken)
    {
        if (!Stream.CanRead)
        {
            return new(false);
        }

        if (PollReadable())
        {
            return new(true);
        }

        return WaitForReadAhead(_readAhead!, cancellationToken);

        // Only observes the read-ahead: the next syscall collects it (a wait may be abandoned).
        static async ValueTask<bool> WaitForReadAhead(Task<int> readAhead, CancellationToken cancellationToken)
        {
            await readAhead.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<bool> WaitWritableAsync(CancellationToken cancellationToken) => new(Stream.CanWrite);

    private Task<int> StartReadAhead()
    {
        _buffer ??= new byte[ReadAheadSize];
        return ReadAheadAsync(Stream, _buffer);

        // Never faults: a failed read becomes -errno, reported by the next fd_read.
        static async Task<int> ReadAheadAsync(Stream stream, byte[] buffer)
        {
            try
            {
                return await stream.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return -(int)HostPaths.ToErrno(e);
            }
            catch (ObjectDisposedException)
            {
                return -(int)Errno.Badf;
            }
        }
    }

    /// <summary>Moves a completed read-ahead into the buffer state.</summary>
    private void CollectReadAhead()
    {
        var n = _readAhead!.Result;
        _readAhead = null;
        if (n > 0)
        {
            _bufferStart = 0;
            _bufferEnd = n;
        }
        else if (n == 0)
        {
            _endOfStream = true;
        }
        else
        {
            _pendingError = (Errno)(-n);
        }
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        if (!Stream.CanRead)
        {
            return Result<uint>(Errno.Badf);
        }

        if (_readAhead is { IsCompleted: true })
        {
            CollectReadAhead();
        }

        if (_bufferEnd > _bufferStart)
        {
            var n = iovs.CopyFrom(_buffer.AsSpan(_bufferStart, _bufferEnd - _bufferStart));
            _bufferStart += n;
            return Result<uint>((uint)n);
        }

        if (_endOfStream)
        {
            // Reported once: a terminal can deliver more input after an end of file (Ctrl+D).
            _endOfStream = false;
            return Result<uint>(0u);
        }

        if (_pendingError != Errno.Success)
        {
            var error = _pendingError;
            _pendingError = Errno.Success;
            return Result<uint>(error);
        }

        if (_readAhead is not null)
        {
            return (Flags & FdFlags.Nonblock) != 0 ? Result<uint>(Errno.Again) : ReadAfterReadAhead(iovs, cancellationToken);
        }

        if ((Flags & FdFlags.Nonblock) != 0 && !(HostFd is { } hostFd && LibC.IsReadableNow(hostFd)))
        {
            // Non-blocking: only what a read-ahead delivers at once (then the buffer, end or error serves the read).
            return PollReadable() ? ReadAsync(iovs, cancellationToken) : Result<uint>(Errno.Again);
        }

        // Blocking read straight into guest memory: one read into the first non-empty buffer, so
        // (like read(2) on a pipe or terminal) it returns what is available instead of filling every buffer.
        for (var i = 0; i < iovs.Count; i++)
        {
            var memory = iovs[i];
            if (!memory.IsEmpty)
            {
                try
                {
                    if (HostFd is { } fd && LibC.IsReadableNow(fd))
                    {
                        return Result<uint>((uint)Stream.Read(iovs.GetSpan(i)));
                    }

                    var reading = Stream.ReadAsync(memory, cancellationToken);
                    return reading.IsCompletedSuccessfully ? Result<uint>((uint)reading.Result) : AwaitRead(reading);
                }
                catch (IOException e)
                {
                    return Result<uint>(HostPaths.ToErrno(e));
                }
            }
        }

        return Result<uint>(0u);

        static async ValueTask<WasiResult<uint>> AwaitRead(ValueTask<int> reading)
        {
            try
            {
                return (uint)await reading.ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return HostPaths.ToErrno(e);
            }
        }
    }

    private async ValueTask<WasiResult<uint>> ReadAfterReadAhead(IovecArray iovs, CancellationToken cancellationToken)
    {
        await _readAhead!.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(iovs, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> WriteAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        if (!Stream.CanWrite)
        {
            return Result<uint>(Errno.Badf);
        }

        try
        {
            long total = 0;
            for (var i = 0; i < iovs.Count; i++)
            {
                var span = iovs.GetSpan(i);
                Stream.Write(span);
                total += span.Length;
            }

            Stream.Flush();
            return Result<uint>((uint)total);
        }
        catch (IOException e)
        {
            return Result<uint>(HostPaths.ToErrno(e));
        }
    }

    /// <inheritdoc/>
    public override ValueTask<Errno> SyncAsync(bool dataOnly, CancellationToken cancellationToken)
    {
        Stream.Flush();
        return new(Errno.Success);
    }

    /// <inheritdoc/>
    public override Errno SetSize(ulong size) => Errno.Inval;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsStream)
        {
            Stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
