namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// A directory of an <see cref="InMemoryFileSystem"/> as a capability: every path resolves inside
/// it (see <see cref="InMemoryFileSystem"/>: component by component, no <c>..</c> above it,
/// symbolic links expanded in place, absolute targets refused) with the host directory's errno
/// choices and POSIX semantics for the operations. Link and rename work between directories of
/// the same file system; another file system (or a host directory) is EXDEV.
/// </summary>
public sealed class InMemoryDirectory : WasiDirectory
{
    private readonly InMemoryFileSystem _fileSystem;
    private readonly InMemoryDirectoryNode _node;

    internal InMemoryDirectory(InMemoryFileSystem fileSystem, InMemoryDirectoryNode node)
    {
        _fileSystem = fileSystem;
        _node = node;
    }

    /// <summary>The file system the directory belongs to.</summary>
    public InMemoryFileSystem FileSystem => _fileSystem;

    private Errno Resolve(string path, bool follow, out InMemoryResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(path);
        return InMemoryFileSystem.Resolve(_node, path, follow, out resolution);
    }

    /// <inheritdoc/>
    public override ValueTask<WasiResult<WasiFile>> OpenAsync(WasiOpenRequest request, CancellationToken cancellationToken)
    {
        lock (_fileSystem.SyncRoot)
        {
            return Result(Open(request));
        }
    }

    private WasiResult<WasiFile> Open(WasiOpenRequest request)
    {
        var e = Resolve(request.Path, request.FollowSymlinks, out var r);
        if (e != Errno.Success)
        {
            return e;
        }

        var flags = request.OpenFlags;
        var create = (flags & OFlags.Creat) != 0;
        var truncate = (flags & OFlags.Trunc) != 0;
        switch (r.Node)
        {
            case null when !create:
                return Errno.Noent;
            case null when (flags & OFlags.Directory) != 0 || r.TrailingSlash:
                return r.TrailingSlash ? Errno.Isdir : Errno.Inval;
            case null:
                e = _fileSystem.CreateFile(r, out var created);
                return e != Errno.Success ? e : new InMemoryFile(_fileSystem, created, request.Read, canWrite: true, request.FdFlags);
            case InMemorySymlinkNode:
                return Errno.Loop;
            case InMemoryDirectoryNode directory:
                if (create && (flags & OFlags.Excl) != 0)
                {
                    return Errno.Exist;
                }

                // Rights are not access modes: a directory opened with write rights is still just a directory.
                // O_CREAT without O_DIRECTORY asks for a regular file: EISDIR, as on Linux (HostDirectory too).
                return truncate || (create && (flags & OFlags.Directory) == 0) ? Errno.Isdir : new InMemoryDirectory(_fileSystem, directory) { Flags = request.FdFlags };
            case InMemoryFileNode file:
                if ((flags & OFlags.Directory) != 0)
                {
                    return Errno.Notdir;
                }

                if (create && (flags & OFlags.Excl) != 0)
                {
                    return Errno.Exist;
                }

                if (truncate)
                {
                    e = _fileSystem.Resize(file, 0);
                    if (e != Errno.Success)
                    {
                        return e;
                    }

                    file.Modified(_fileSystem.Now());
                }

                // As on the host, truncating opens the file for writing.
                return new InMemoryFile(_fileSystem, file, request.Read, request.Write || truncate, request.FdFlags);
            default:
                return Errno.Io;
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
    public override Errno SetTimes(ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        lock (_fileSystem.SyncRoot)
        {
            return _fileSystem.SetTimes(_node, accessTime, modificationTime, flags);
        }
    }

    /// <inheritdoc/>
    public override WasiResult<IReadOnlyList<WasiDirectoryEntry>> ReadEntries()
    {
        lock (_fileSystem.SyncRoot)
        {
            if (_node.Removed)
            {
                // Like a removed directory on Linux: still open, but it lists nothing.
                return Array.Empty<WasiDirectoryEntry>();
            }

            var entries = new List<WasiDirectoryEntry>(_node.Entries.Count + 2)
            {
                new(".", FileType.Directory, _node.Ino),
                new("..", FileType.Directory, (_node.Parent ?? _node).Ino),
            };
            foreach (var (name, child) in _node.Entries)
            {
                entries.Add(new(name, child.FileType, child.Ino));
            }

            return entries;
        }
    }

    /// <inheritdoc/>
    public override Errno CreateDirectory(string path)
    {
        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, false, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            if (r.Node is not null)
            {
                return Errno.Exist;
            }

            if (r.Parent!.Removed)
            {
                return Errno.Noent;
            }

            _fileSystem.AddEntry(r.Parent, r.Name!, new InMemoryDirectoryNode(_fileSystem.NewIno(), _fileSystem.Now(), r.Parent));
            return Errno.Success;
        }
    }

    /// <inheritdoc/>
    public override WasiResult<FileStat> GetStat(string path, bool followSymlinks)
    {
        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, followSymlinks, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            return r.Node is null ? Errno.Noent : r.Node.Stat(_fileSystem.DeviceId);
        }
    }

    /// <inheritdoc/>
    public override Errno SetTimes(string path, bool followSymlinks, ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, followSymlinks, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            return r.Node is null ? Errno.Noent : _fileSystem.SetTimes(r.Node, accessTime, modificationTime, flags);
        }
    }

    /// <inheritdoc/>
    public override Errno Link(string oldPath, bool followSymlinks, WasiDirectory newDirectory, string newPath)
    {
        if (newDirectory is not InMemoryDirectory target || target._fileSystem != _fileSystem)
        {
            return Errno.Xdev;
        }

        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(oldPath, followSymlinks, out var from);
            if (e != Errno.Success || (e = target.Resolve(newPath, false, out var to)) != Errno.Success)
            {
                return e;
            }

            if (from.Node is null)
            {
                return Errno.Noent;
            }

            if (from.Node is not InMemoryLinkedNode node)
            {
                return Errno.Perm;
            }

            if (to.Node is not null)
            {
                return Errno.Exist;
            }

            // A new non-directory name may not end with a slash (Linux: ENOENT); its directory must still exist.
            if (to.TrailingSlash || to.Parent!.Removed)
            {
                return Errno.Noent;
            }

            _fileSystem.AddEntry(to.Parent, to.Name!, node);
            node.Links++;
            node.CTim = _fileSystem.Now();
            return Errno.Success;
        }
    }

    /// <inheritdoc/>
    public override WasiResult<string> ReadLink(string path)
    {
        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, false, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            return r.Node switch
            {
                null => Errno.Noent,
                InMemorySymlinkNode link => link.Target,
                _ => Errno.Inval,
            };
        }
    }

    /// <inheritdoc/>
    public override Errno RemoveDirectory(string path)
    {
        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, false, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            if (r.IsRoot)
            {
                return Errno.Inval;
            }

            switch (r.Node)
            {
                case null:
                    return Errno.Noent;
                case InMemoryDirectoryNode directory:
                    if (directory.Entries.Count > 0)
                    {
                        return Errno.Notempty;
                    }

                    _fileSystem.RemoveEntry(r.Parent!, r.Name!);
                    return Errno.Success;
                default:
                    return Errno.Notdir;
            }
        }
    }

    /// <inheritdoc/>
    public override Errno Rename(string oldPath, WasiDirectory newDirectory, string newPath)
    {
        if (newDirectory is not InMemoryDirectory target || target._fileSystem != _fileSystem)
        {
            return Errno.Xdev;
        }

        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(oldPath, false, out var from);
            if (e != Errno.Success || (e = target.Resolve(newPath, false, out var to)) != Errno.Success)
            {
                return e;
            }

            if (from.Node is null)
            {
                return Errno.Noent;
            }

            if (from.IsRoot || to.IsRoot)
            {
                return Errno.Busy;
            }

            e = CheckRename(from, to);
            if (e != Errno.Success || ReferenceEquals(from.Node, to.Node))
            {
                // Two names of one file: POSIX says rename does nothing and succeeds.
                return e;
            }

            var node = from.Node;
            if (to.Node is not null)
            {
                _fileSystem.RemoveEntry(to.Parent!, to.Name!);
            }

            from.Parent!.Entries.Remove(from.Name!);
            if (node is InMemoryDirectoryNode)
            {
                from.Parent.Subdirectories--;
            }

            from.Parent.Modified(_fileSystem.Now());
            _fileSystem.AddEntry(to.Parent!, to.Name!, node);
            node.CTim = _fileSystem.Now();
            return Errno.Success;
        }
    }

    /// <summary>rename(2)'s rules, in Linux's order: the destination's directory exists; a directory never moves into itself (EINVAL); kinds match (EISDIR / ENOTDIR); a replaced directory is empty (ENOTEMPTY).</summary>
    private static Errno CheckRename(InMemoryResolution from, InMemoryResolution to)
    {
        if (to.Parent!.Removed)
        {
            return Errno.Noent;
        }

        if (from.Node is InMemoryDirectoryNode moving)
        {
            if (to.Parent.IsWithin(moving))
            {
                return Errno.Inval;
            }

            return to.Node switch
            {
                null => Errno.Success,
                InMemoryDirectoryNode replaced when ReferenceEquals(replaced, moving) => Errno.Success,
                InMemoryDirectoryNode replaced => replaced.Entries.Count > 0 ? Errno.Notempty : Errno.Success,
                _ => Errno.Notdir,
            };
        }

        // A non-directory cannot take a name that insists on a directory (Linux checks this before EISDIR).
        if (to.TrailingSlash || from.TrailingSlash)
        {
            return Errno.Notdir;
        }

        return to.Node is InMemoryDirectoryNode ? Errno.Isdir : Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Symlink(string target, string path)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.StartsWith('/'))
        {
            return Errno.Perm;
        }

        if (target.Length == 0)
        {
            return Errno.Noent;
        }

        if (target.Length >= InMemoryFileSystem.MaxPathBytes / 3 && System.Text.Encoding.UTF8.GetByteCount(target) >= InMemoryFileSystem.MaxPathBytes)
        {
            return Errno.Nametoolong;
        }

        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, false, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            if (r.Node is not null)
            {
                return Errno.Exist;
            }

            // A new symbolic link's name may not end with a slash (Linux: ENOENT).
            if (r.TrailingSlash || r.Parent!.Removed)
            {
                return Errno.Noent;
            }

            _fileSystem.AddEntry(r.Parent, r.Name!, new InMemorySymlinkNode(_fileSystem.NewIno(), _fileSystem.Now(), target));
            return Errno.Success;
        }
    }

    /// <inheritdoc/>
    public override Errno UnlinkFile(string path)
    {
        lock (_fileSystem.SyncRoot)
        {
            var e = Resolve(path, false, out var r);
            if (e != Errno.Success)
            {
                return e;
            }

            switch (r.Node)
            {
                case null:
                    return Errno.Noent;
                case InMemoryDirectoryNode:
                    return Errno.Isdir;
                default:
                    _fileSystem.RemoveEntry(r.Parent!, r.Name!);
                    return Errno.Success;
            }
        }
    }
}
