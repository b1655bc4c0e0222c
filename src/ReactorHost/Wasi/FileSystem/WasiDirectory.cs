namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// A directory capability: every path operation is resolved relative to it and may not escape
/// it (no <c>..</c> above it, no absolute paths, no symbolic link leading outside). A host
/// directory (<see cref="HostDirectory"/>) and an in-memory one implement the same members.
/// Operations that name two directories (link, rename) receive the other one as a
/// <see cref="WasiDirectory"/>; an implementation answers <see cref="Errno.Xdev"/> when it is of
/// another kind.
/// </summary>
public abstract class WasiDirectory : WasiFile
{
    /// <inheritdoc/>
    public override FileType FileType => FileType.Directory;

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> ReadAsync(IovecArray iovs, CancellationToken cancellationToken) => Result<uint>(Errno.Isdir);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<uint>> WriteAsync(IovecArray iovs, CancellationToken cancellationToken) => Result<uint>(Errno.Isdir);

    /// <summary>Opens (and maybe creates) a file or directory.</summary>
    public virtual ValueTask<WasiResult<WasiFile>> OpenAsync(WasiOpenRequest request, CancellationToken cancellationToken) => Result<WasiFile>(Errno.Nosys);

    /// <summary>The entries, <c>.</c> and <c>..</c> first; position i has cookie i + 1.</summary>
    public virtual WasiResult<IReadOnlyList<WasiDirectoryEntry>> ReadEntries() => Errno.Nosys;

    /// <summary>Creates a directory.</summary>
    public virtual Errno CreateDirectory(string path) => Errno.Nosys;

    /// <summary>Attributes of the file at <paramref name="path"/>.</summary>
    public virtual WasiResult<FileStat> GetStat(string path, bool followSymlinks) => Errno.Nosys;

    /// <summary>Sets timestamps of the file at <paramref name="path"/>.</summary>
    public virtual Errno SetTimes(string path, bool followSymlinks, ulong accessTime, ulong modificationTime, FstFlags flags) => Errno.Nosys;

    /// <summary>Creates a hard link <paramref name="newPath"/> in <paramref name="newDirectory"/> to <paramref name="oldPath"/>.</summary>
    public virtual Errno Link(string oldPath, bool followSymlinks, WasiDirectory newDirectory, string newPath) => Errno.Nosys;

    /// <summary>The target of the symbolic link at <paramref name="path"/>.</summary>
    public virtual WasiResult<string> ReadLink(string path) => Errno.Nosys;

    /// <summary>Removes an empty directory.</summary>
    public virtual Errno RemoveDirectory(string path) => Errno.Nosys;

    /// <summary>Renames <paramref name="oldPath"/> to <paramref name="newPath"/> in <paramref name="newDirectory"/>.</summary>
    public virtual Errno Rename(string oldPath, WasiDirectory newDirectory, string newPath) => Errno.Nosys;

    /// <summary>Creates a symbolic link at <paramref name="path"/> whose contents are <paramref name="target"/>.</summary>
    public virtual Errno Symlink(string target, string path) => Errno.Nosys;

    /// <summary>Removes a file (not a directory).</summary>
    public virtual Errno UnlinkFile(string path) => Errno.Nosys;
}
