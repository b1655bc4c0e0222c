namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// A directory on the host disk as a capability: paths resolve inside it only (see
/// <c>HostPaths.Resolve</c>: component by component, <c>..</c> never above this directory,
/// symbolic links expanded in place and refused when absolute).
/// </summary>
/// <remarks>
/// Resolution and the operation are separate host calls, so a host process racing to swap a
/// directory for a symbolic link between them could redirect one operation (TOCTOU); guests
/// alone cannot, since each guest is single-threaded and waits for its syscall.
/// </remarks>
public sealed class HostDirectory : WasiDirectory
{
    private IReadOnlyList<WasiDirectoryEntry>? _entries;

    /// <summary>A capability for the host directory <paramref name="hostPath"/>.</summary>
    public HostDirectory(string hostPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        HostPath = Path.GetFullPath(hostPath);
    }

    /// <summary>The host directory.</summary>
    public string HostPath { get; }

    private Errno Resolve(string path, bool follow, out HostResolution resolution) => HostPaths.Resolve(HostPath, path, follow, out resolution);

    /// <inheritdoc/>
    public override ValueTask<WasiResult<WasiFile>> OpenAsync(WasiOpenRequest request, CancellationToken cancellationToken)
    {
        var e = Resolve(request.Path, request.FollowSymlinks, out var r);
        if (e != Errno.Success)
        {
            return Result<WasiFile>(e);
        }

        var flags = request.OpenFlags;
        var create = (flags & OFlags.Creat) != 0;
        switch (r.Kind)
        {
            case HostEntryKind.Missing when !create:
                return Result<WasiFile>(Errno.Noent);
            case HostEntryKind.Missing when (flags & OFlags.Directory) != 0 || r.TrailingSlash:
                return Result<WasiFile>(r.TrailingSlash ? Errno.Isdir : Errno.Inval);
            case HostEntryKind.Symlink:
                return Result<WasiFile>(Errno.Loop);
            case HostEntryKind.Directory:
                if (create && (flags & OFlags.Excl) != 0)
                {
                    return Result<WasiFile>(Errno.Exist);
                }

                // Rights are not access modes: a directory opened with write rights is still just a directory.
                // O_CREAT without O_DIRECTORY asks for a regular file, though: Linux (and so Wasmtime)
                // answers EISDIR, and SQLite relies on that to report "unable to open database file".
                if ((flags & OFlags.Trunc) != 0 || (create && (flags & OFlags.Directory) == 0))
                {
                    return Result<WasiFile>(Errno.Isdir);
                }

                return Result<WasiFile>(new HostDirectory(r.HostPath) { Flags = request.FdFlags });
            case HostEntryKind.File:
                if ((flags & OFlags.Directory) != 0)
                {
                    return Result<WasiFile>(Errno.Notdir);
                }

                if (create && (flags & OFlags.Excl) != 0)
                {
                    return Result<WasiFile>(Errno.Exist);
                }

                break;
        }

        var mode = r.Kind == HostEntryKind.Missing ? FileMode.CreateNew : (flags & OFlags.Trunc) != 0 ? FileMode.Truncate : FileMode.Open;
        var needsWrite = request.Write || mode != FileMode.Open;
        var access = needsWrite ? (request.Read ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
        try
        {
            var handle = File.OpenHandle(r.HostPath, mode, access, FileShare.ReadWrite | FileShare.Delete);
            return Result<WasiFile>(new HostFile(handle, r.HostPath, request.FdFlags));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Result<WasiFile>(HostPaths.ToErrno(ex));
        }
    }

    /// <inheritdoc/>
    public override WasiResult<FileStat> GetStat() => HostPaths.Stat(HostPath, HostEntryKind.Directory);

    /// <inheritdoc/>
    public override WasiResult<IReadOnlyList<WasiDirectoryEntry>> ReadEntries()
    {
        try
        {
            var entries = new List<WasiDirectoryEntry>
            {
                new(".", FileType.Directory, HostPaths.Inode(HostPath, followSymlinks: true)),
                new("..", FileType.Directory, HostPaths.Inode(Path.GetDirectoryName(HostPath) ?? HostPath, followSymlinks: true)),
            };
            var children = new List<WasiDirectoryEntry>();
            foreach (var info in new DirectoryInfo(HostPath).EnumerateFileSystemInfos())
            {
                if (LibC.HasStatx && LibC.Stat(info.FullName, followSymlinks: false, out var stat) == Errno.Success)
                {
                    children.Add(new(info.Name, stat.FileType, stat.Ino));
                    continue;
                }

                var type = info.LinkTarget is not null ? FileType.SymbolicLink
                    : info.Attributes.HasFlag(FileAttributes.Directory) ? FileType.Directory
                    : FileType.RegularFile;
                children.Add(new(info.Name, type, HostPaths.Inode(info.FullName)));
            }

            children.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            entries.AddRange(children);
            _entries = entries;
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostPaths.ToErrno(e);
        }
    }

    /// <summary>The listing from the last <see cref="ReadEntries"/> (readdir with a non-zero cookie continues it).</summary>
    internal IReadOnlyList<WasiDirectoryEntry>? CachedEntries => _entries;

    /// <inheritdoc/>
    public override Errno CreateDirectory(string path)
    {
        var e = Resolve(path, false, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        return r.Kind != HostEntryKind.Missing ? Errno.Exist : LibC.Mkdir(r.HostPath);
    }

    /// <inheritdoc/>
    public override WasiResult<FileStat> GetStat(string path, bool followSymlinks)
    {
        var e = Resolve(path, followSymlinks, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        return r.Kind == HostEntryKind.Missing ? Errno.Noent : HostPaths.Stat(r.HostPath, r.Kind);
    }

    /// <inheritdoc/>
    public override Errno SetTimes(string path, bool followSymlinks, ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        var e = Resolve(path, followSymlinks, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        // Without symlink_follow a final link keeps its own times (utimensat AT_SYMLINK_NOFOLLOW).
        return r.Kind == HostEntryKind.Missing ? Errno.Noent : SetHostTimes(r.HostPath, r.Kind != HostEntryKind.Symlink, accessTime, modificationTime, flags);
    }

    /// <inheritdoc/>
    public override Errno SetTimes(ulong accessTime, ulong modificationTime, FstFlags flags) => SetHostTimes(HostPath, true, accessTime, modificationTime, flags);

    /// <summary>True when <paramref name="flags"/> asks for both an explicit time and "now" for the same timestamp.</summary>
    internal static bool ConflictingTimeFlags(FstFlags flags) =>
        (flags & (FstFlags.Atim | FstFlags.AtimNow)) == (FstFlags.Atim | FstFlags.AtimNow)
        || (flags & (FstFlags.Mtim | FstFlags.MtimNow)) == (FstFlags.Mtim | FstFlags.MtimNow);

    internal static Errno SetHostTimes(string hostPath, bool followSymlinks, ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        if (ConflictingTimeFlags(flags))
        {
            return Errno.Inval;
        }

        if (LibC.HasStatx)
        {
            return LibC.SetTimes(hostPath, followSymlinks, accessTime, modificationTime, flags);
        }

        try
        {
            var now = DateTime.UtcNow;
            if ((flags & (FstFlags.Atim | FstFlags.AtimNow)) != 0)
            {
                File.SetLastAccessTimeUtc(hostPath, (flags & FstFlags.AtimNow) != 0 ? now : HostPaths.FromTimestamp(accessTime));
            }

            if ((flags & (FstFlags.Mtim | FstFlags.MtimNow)) != 0)
            {
                File.SetLastWriteTimeUtc(hostPath, (flags & FstFlags.MtimNow) != 0 ? now : HostPaths.FromTimestamp(modificationTime));
            }

            return Errno.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e is ArgumentException ? Errno.Inval : HostPaths.ToErrno(e);
        }
    }

    /// <inheritdoc/>
    public override Errno Link(string oldPath, bool followSymlinks, WasiDirectory newDirectory, string newPath)
    {
        if (newDirectory is not HostDirectory target)
        {
            return Errno.Xdev;
        }

        var e = Resolve(oldPath, followSymlinks, out var from);
        if (e != Errno.Success || (e = target.Resolve(newPath, false, out var to)) != Errno.Success)
        {
            return e;
        }

        if (from.Kind == HostEntryKind.Missing)
        {
            return Errno.Noent;
        }

        return from.Kind == HostEntryKind.Directory ? Errno.Perm : LibC.Link(from.HostPath, to.HostPathAsGiven);
    }

    /// <inheritdoc/>
    public override WasiResult<string> ReadLink(string path)
    {
        var e = Resolve(path, false, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        return r.Kind switch
        {
            HostEntryKind.Missing => Errno.Noent,
            HostEntryKind.Symlink => HostPaths.LinkTarget(new FileInfo(r.HostPath)) is { } target ? target : Errno.Io,
            _ => Errno.Inval,
        };
    }

    /// <inheritdoc/>
    public override Errno RemoveDirectory(string path)
    {
        var e = Resolve(path, false, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        return r.IsRoot ? Errno.Inval : r.Kind switch
        {
            HostEntryKind.Missing => Errno.Noent,
            HostEntryKind.Directory => LibC.Rmdir(r.HostPath),
            _ => Errno.Notdir,
        };
    }

    /// <inheritdoc/>
    public override Errno Rename(string oldPath, WasiDirectory newDirectory, string newPath)
    {
        if (newDirectory is not HostDirectory target)
        {
            return Errno.Xdev;
        }

        var e = Resolve(oldPath, false, out var from);
        if (e != Errno.Success || (e = target.Resolve(newPath, false, out var to)) != Errno.Success)
        {
            return e;
        }

        if (from.Kind == HostEntryKind.Missing)
        {
            return Errno.Noent;
        }

        return from.IsRoot || to.IsRoot ? Errno.Busy : LibC.Rename(from.HostPathAsGiven, to.HostPathAsGiven);
    }

    /// <inheritdoc/>
    public override Errno Symlink(string target, string path)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.StartsWith('/'))
        {
            return Errno.Perm;
        }

        var e = Resolve(path, false, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        return r.Kind != HostEntryKind.Missing ? Errno.Exist : LibC.Symlink(target, r.HostPathAsGiven);
    }

    /// <inheritdoc/>
    public override Errno UnlinkFile(string path)
    {
        var e = Resolve(path, false, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        return r.Kind switch
        {
            HostEntryKind.Missing => Errno.Noent,
            HostEntryKind.Directory => Errno.Isdir,
            _ => LibC.Unlink(r.HostPath),
        };
    }
}
