namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// A .NET <see cref="Stream"/> as a guest fd (stdin, stdout, stderr, or any stream an embedder
/// supplies). Not seekable from the guest. The file type is what the guest's isatty sees:
/// <see cref="FileType.CharacterDevice"/> only for a terminal.
/// </summary>
public sealed class StreamFile : WasiFile
{
    private readonly bool _ownsStream;

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

    /// <inheritdoc/>
    public override FileType FileType { get; }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken)
    {
        if (!Stream.CanRead)
        {
            return Result<uint>(Errno.Badf);
        }

        try
        {
            // One read into the first non-empty buffer: like read(2) on a pipe or terminal, return
            // what is available instead of waiting to fill every buffer.
            for (var i = 0; i < iovs.Count; i++)
            {
                var span = iovs.GetSpan(i);
                if (!span.IsEmpty)
                {
                    return Result<uint>((uint)Stream.Read(span));
                }
            }

            return Result<uint>(0u);
        }
        catch (IOException e)
        {
            return Result<uint>(HostPaths.ToErrno(e));
        }
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
