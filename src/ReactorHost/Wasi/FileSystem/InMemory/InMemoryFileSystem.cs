using System.Text;

namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// A file system held entirely in memory, so tests and embedders need no disk: a tree of inodes
/// (regular files with growable, sparse content; directories; symbolic links) with hard links,
/// link counts, inode numbers, one device id, and access/modification/change timestamps taken
/// from an injectable <see cref="System.TimeProvider"/>. Guests see it through
/// <see cref="InMemoryDirectory"/> capabilities (<see cref="Root"/>, <see cref="OpenDirectory"/>,
/// <see cref="Preopen"/>) with the same confinement and errno choices as <see cref="HostDirectory"/>;
/// .NET code fills and inspects it with the <c>File</c>-like helpers (<see cref="WriteAllBytes"/>,
/// <see cref="ReadAllBytes"/>, <see cref="CreateDirectory"/>...), whose paths are absolute within
/// the file system (<c>/a/b.txt</c>). Thread-safe: one lock guards the whole tree.
/// </summary>
public sealed class InMemoryFileSystem
{
    /// <summary>Longest path accepted, in UTF-8 bytes (PATH_MAX including the terminator).</summary>
    public const int MaxPathBytes = 4096;

    /// <summary>Longest name of one entry, in UTF-8 bytes (NAME_MAX).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Symbolic links expanded while resolving one path before giving up with ELOOP (as the host directory).</summary>
    public const int MaxSymlinkExpansions = 32;

    private static long s_nextDevice = 0x100;

    private readonly InMemoryDirectoryNode _root;
    private ulong _nextIno = 1;
    private long _usedBytes;

    /// <summary>An empty file system whose timestamps come from <paramref name="timeProvider"/> (default: the system clock).</summary>
    public InMemoryFileSystem(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        DeviceId = (ulong)Interlocked.Increment(ref s_nextDevice);
        _root = new InMemoryDirectoryNode(_nextIno++, Now(), parent: null);
    }

    /// <summary>The clock for timestamps (and the <c>*_now</c> flags of set_times).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The device id every node reports (distinct per file system instance).</summary>
    public ulong DeviceId { get; }

    /// <summary>Largest size of one file in bytes; writes and resizes beyond it fail with EFBIG. Default 64 GiB.</summary>
    public long MaxFileSize { get; set; } = 1L << 36;

    /// <summary>Total bytes all files may hold (holes count); growth beyond it fails with ENOSPC. Default unlimited.</summary>
    public long Capacity { get; set; } = long.MaxValue;

    /// <summary>Sum of the sizes of the files that still exist (named or open).</summary>
    public long UsedBytes
    {
        get
        {
            lock (SyncRoot)
            {
                return _usedBytes;
            }
        }
    }

    /// <summary>A new capability for the root directory (each call is a separate open directory).</summary>
    public InMemoryDirectory Root => new(this, _root);

    /// <summary>The lock every operation on the tree holds.</summary>
    internal Lock SyncRoot { get; } = new();

    /// <summary>A capability for the directory at <paramref name="path"/> (absolute within this file system).</summary>
    public InMemoryDirectory OpenDirectory(string path)
    {
        lock (SyncRoot)
        {
            var node = Lookup(path, followFinal: true);
            return node is InMemoryDirectoryNode dir ? new InMemoryDirectory(this, dir) : throw Failure(Errno.Notdir, path);
        }
    }

    /// <summary>A preopen that shows the directory <paramref name="path"/> of this file system to the guest as <paramref name="guestPath"/>.</summary>
    public WasiPreopen Preopen(string guestPath, string path = "/") => new(guestPath, OpenDirectory(path));

    /// <summary>Creates the directory <paramref name="path"/> and any missing parents (nothing when it exists).</summary>
    public void CreateDirectory(string path)
    {
        lock (SyncRoot)
        {
            EnsureDirectory(path, Relative(path));
        }
    }

    /// <summary>Creates or replaces the file <paramref name="path"/> with <paramref name="bytes"/>, creating missing parent directories.</summary>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        lock (SyncRoot)
        {
            var relative = Relative(path);
            var slash = relative.LastIndexOf('/');
            var parent = slash < 0 ? _root : EnsureDirectory(path, relative[..slash]);
            var name = relative[(slash + 1)..];
            var e = Resolve(parent, name, followFinal: true, out var r);
            if (e != Errno.Success)
            {
                throw Failure(e, path);
            }

            InMemoryFileNode file;
            switch (r.Node)
            {
                case null:
                    e = CreateFile(r, out file);
                    if (e != Errno.Success)
                    {
                        throw Failure(e, path);
                    }

                    break;
                case InMemoryFileNode existing:
                    file = existing;
                    break;
                default:
                    throw Failure(r.Node is InMemoryDirectoryNode ? Errno.Isdir : Errno.Inval, path);
            }

            e = Resize(file, 0);
            if (e == Errno.Success)
            {
                e = WriteContent(file, 0, bytes, out _);
            }

            if (e != Errno.Success)
            {
                throw Failure(e, path);
            }
        }
    }

    /// <summary>Creates or replaces the file <paramref name="path"/> with <paramref name="text"/> in UTF-8 (no byte order mark).</summary>
    public void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The content of the file <paramref name="path"/>.</summary>
    public byte[] ReadAllBytes(string path)
    {
        lock (SyncRoot)
        {
            var node = Lookup(path, followFinal: true);
            if (node is not InMemoryFileNode file)
            {
                throw Failure(node is InMemoryDirectoryNode ? Errno.Isdir : Errno.Inval, path);
            }

            var bytes = new byte[checked((int)file.Content.Length)];
            file.Content.Read(0, bytes);
            return bytes;
        }
    }

    /// <summary>The content of the file <paramref name="path"/> decoded as UTF-8.</summary>
    public string ReadAllText(string path) => Encoding.UTF8.GetString(ReadAllBytes(path));

    /// <summary>Creates a symbolic link <paramref name="path"/> to <paramref name="target"/> (stored as is; an absolute target is refused when a guest follows it).</summary>
    public void CreateSymbolicLink(string path, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        lock (SyncRoot)
        {
            var e = Resolve(_root, Relative(path), followFinal: false, out var r);
            e = e != Errno.Success ? e : r.Node is not null ? Errno.Exist : r.IsRoot || r.Parent!.Removed ? Errno.Noent : Errno.Success;
            if (e != Errno.Success)
            {
                throw Failure(e, path);
            }

            AddEntry(r.Parent!, r.Name!, new InMemorySymlinkNode(NewIno(), Now(), target));
        }
    }

    /// <summary>True when <paramref name="path"/> names a regular file (following symbolic links).</summary>
    public bool FileExists(string path) => TryLookup(path) is InMemoryFileNode;

    /// <summary>True when <paramref name="path"/> names a directory (following symbolic links).</summary>
    public bool DirectoryExists(string path) => TryLookup(path) is InMemoryDirectoryNode;

    /// <summary>The names in the directory <paramref name="path"/>, in ordinal order (without <c>.</c> and <c>..</c>).</summary>
    public IReadOnlyList<string> GetEntries(string path)
    {
        lock (SyncRoot)
        {
            return Lookup(path, followFinal: true) is InMemoryDirectoryNode dir ? [.. dir.Entries.Keys] : throw Failure(Errno.Notdir, path);
        }
    }

    /// <summary>The attributes of <paramref name="path"/> as a guest would see them.</summary>
    public FileStat GetStat(string path, bool followSymlinks = true)
    {
        lock (SyncRoot)
        {
            return Lookup(path, followSymlinks).Stat(DeviceId);
        }
    }

    /// <summary>Deletes the file, symbolic link or directory <paramref name="path"/> (a non-empty directory only when <paramref name="recursive"/>).</summary>
    public void Delete(string path, bool recursive = false)
    {
        lock (SyncRoot)
        {
            var e = Resolve(_root, Relative(path), followFinal: false, out var r);
            e = e != Errno.Success ? e : r.Node is null ? Errno.Noent : r.IsRoot ? Errno.Busy : Errno.Success;
            if (e != Errno.Success)
            {
                throw Failure(e, path);
            }

            if (r.Node is InMemoryDirectoryNode dir && dir.Entries.Count > 0)
            {
                if (!recursive)
                {
                    throw Failure(Errno.Notempty, path);
                }

                DeleteChildren(dir);
            }

            RemoveEntry(r.Parent!, r.Name!);
        }
    }

    // ---- shared machinery (callers hold SyncRoot) ----

    internal ulong Now() => HostPaths.ToTimestamp(TimeProvider.GetUtcNow().UtcDateTime);

    internal ulong NewIno() => _nextIno++;

    /// <summary>
    /// Resolves <paramref name="path"/> inside the capability <paramref name="start"/> exactly as the
    /// host directory does: component by component; <c>..</c> never above <paramref name="start"/>
    /// (ENOTCAPABLE); a symbolic link that is not the final component (or is final and followed, or
    /// is followed by <c>/</c>) is expanded in place, so a chain of links is confined like any other
    /// path; absolute link targets are refused (ENOTCAPABLE); more than
    /// <see cref="MaxSymlinkExpansions"/> expansions is ELOOP.
    /// </summary>
    internal static Errno Resolve(InMemoryDirectoryNode start, string path, bool followFinal, out InMemoryResolution resolution)
    {
        resolution = default;
        if (path.Length == 0)
        {
            return Errno.Noent;
        }

        if (path[0] == '/')
        {
            return Errno.Notcapable;
        }

        if (path.Length >= MaxPathBytes / 3 && Encoding.UTF8.GetByteCount(path) >= MaxPathBytes)
        {
            return Errno.Nametoolong;
        }

        // Components still to walk, the next one last; a link's target is pushed on top.
        var pending = new List<string>();
        Push(pending, path);
        var chain = new List<(InMemoryDirectoryNode Dir, string? Name)> { (start, null) };
        var expansions = 0;
        while (pending.Count > 0)
        {
            var component = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (component.Length == 0 || component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (chain.Count == 1)
                {
                    return Errno.Notcapable;
                }

                chain.RemoveAt(chain.Count - 1);
                continue;
            }

            var e = CheckName(component);
            if (e != Errno.Success)
            {
                return e;
            }

            var isLast = !HasMoreNames(pending);
            var mustBeDirectory = pending.Count > 0;
            var current = chain[^1].Dir;
            current.Entries.TryGetValue(component, out var node);
            if (node is InMemorySymlinkNode link && (!isLast || followFinal || mustBeDirectory))
            {
                if (++expansions > MaxSymlinkExpansions)
                {
                    return Errno.Loop;
                }

                if (link.Target.Length == 0)
                {
                    return Errno.Noent;
                }

                if (link.Target[0] == '/')
                {
                    return Errno.Notcapable;
                }

                Push(pending, link.Target);
                continue;
            }

            if (!isLast)
            {
                if (node is null)
                {
                    return Errno.Noent;
                }

                if (node is not InMemoryDirectoryNode dir)
                {
                    return Errno.Notdir;
                }

                chain.Add((dir, component));
                continue;
            }

            if (mustBeDirectory && node is not null and not InMemoryDirectoryNode)
            {
                return Errno.Notdir;
            }

            resolution = new InMemoryResolution(current, component, node, mustBeDirectory, IsRoot: false);
            return Errno.Success;
        }

        // The path named a directory reached through "." or "..": the capability itself or one of its descendants.
        var trailingSlash = path[^1] == '/';
        var (top, name) = chain[^1];
        resolution = chain.Count == 1
            ? new InMemoryResolution(null, null, start, trailingSlash, IsRoot: true)
            : new InMemoryResolution(chain[^2].Dir, name, top, trailingSlash, IsRoot: false);
        return Errno.Success;

        static void Push(List<string> pending, string text)
        {
            var parts = text.Split('/');
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                pending.Add(parts[i]);
            }
        }

        static bool HasMoreNames(List<string> pending)
        {
            foreach (var c in pending)
            {
                if (c.Length != 0 && c != ".")
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>ENAMETOOLONG for a name over <see cref="MaxNameBytes"/>; EILSEQ for a NUL (no host path can hold one).</summary>
    internal static Errno CheckName(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return Errno.Ilseq;
        }

        return name.Length > MaxNameBytes / 3 && Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? Errno.Nametoolong : Errno.Success;
    }

    /// <summary>Creates an empty regular file at a resolved missing name.</summary>
    internal Errno CreateFile(InMemoryResolution at, out InMemoryFileNode file)
    {
        file = null!;
        if (at.Parent is null || at.Parent.Removed)
        {
            return Errno.Noent;
        }

        file = new InMemoryFileNode(NewIno(), Now());
        AddEntry(at.Parent, at.Name!, file);
        return Errno.Success;
    }

    /// <summary>Links <paramref name="node"/> into <paramref name="parent"/> as <paramref name="name"/>.</summary>
    internal void AddEntry(InMemoryDirectoryNode parent, string name, InMemoryNode node)
    {
        parent.Entries.Add(name, node);
        if (node is InMemoryDirectoryNode dir)
        {
            dir.Parent = parent;
            parent.Subdirectories++;
        }

        parent.Modified(Now());
    }

    /// <summary>Removes the entry <paramref name="name"/>: a file loses a link (its storage goes with the last link and handle), a directory is marked removed.</summary>
    internal void RemoveEntry(InMemoryDirectoryNode parent, string name)
    {
        var node = parent.Entries[name];
        parent.Entries.Remove(name);
        var now = Now();
        parent.Modified(now);
        switch (node)
        {
            case InMemoryDirectoryNode dir:
                parent.Subdirectories--;
                dir.Removed = true;
                dir.CTim = now;
                break;
            case InMemoryLinkedNode linked:
                linked.Links--;
                linked.CTim = now;
                if (linked is InMemoryFileNode file)
                {
                    ReleaseIfUnused(file);
                }

                break;
        }
    }

    /// <summary>Returns a file's storage once it has neither a name nor an open handle.</summary>
    internal void ReleaseIfUnused(InMemoryFileNode file)
    {
        if (file.Links == 0 && file.OpenHandles == 0 && !file.Released)
        {
            file.Released = true;
            _usedBytes -= file.Content.Length;
            file.Content.Clear();
        }
    }

    /// <summary>Sets a file's size, within <see cref="MaxFileSize"/> (EFBIG) and <see cref="Capacity"/> (ENOSPC).</summary>
    internal Errno Resize(InMemoryFileNode file, long size)
    {
        if (size < 0 || size > MaxFileSize)
        {
            return Errno.Fbig;
        }

        var growth = size - file.Content.Length;
        if (growth > 0 && growth > Capacity - _usedBytes)
        {
            return Errno.Nospc;
        }

        _usedBytes += growth;
        file.Content.SetLength(size);
        return Errno.Success;
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> at <paramref name="offset"/>. Like write(2), a write that can
    /// only partly fit (file size or capacity limit) writes what fits; nothing fits is the error.
    /// </summary>
    internal Errno WriteContent(InMemoryFileNode file, long offset, ReadOnlySpan<byte> bytes, out int written)
    {
        written = 0;
        if (bytes.IsEmpty)
        {
            return Errno.Success;
        }

        if (offset >= MaxFileSize)
        {
            return Errno.Fbig;
        }

        var length = file.Content.Length;
        long count = Math.Min(bytes.Length, MaxFileSize - offset);
        var end = offset + count;
        if (end > length && end - length > Capacity - _usedBytes)
        {
            count = Math.Max(0, Capacity - _usedBytes + length - offset);
            if (count == 0)
            {
                return Errno.Nospc;
            }

            end = offset + count;
        }

        file.Content.Write(offset, bytes[..(int)count]);
        if (end > length)
        {
            _usedBytes += end - length;
        }

        written = (int)count;
        return Errno.Success;
    }

    /// <summary>Applies set_times flags to <paramref name="node"/>.</summary>
    internal Errno SetTimes(InMemoryNode node, ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        if ((flags & (FstFlags.Atim | FstFlags.AtimNow)) == (FstFlags.Atim | FstFlags.AtimNow)
            || (flags & (FstFlags.Mtim | FstFlags.MtimNow)) == (FstFlags.Mtim | FstFlags.MtimNow))
        {
            return Errno.Inval;
        }

        var now = Now();
        if ((flags & FstFlags.Atim) != 0)
        {
            node.ATim = accessTime;
        }
        else if ((flags & FstFlags.AtimNow) != 0)
        {
            node.ATim = now;
        }

        if ((flags & FstFlags.Mtim) != 0)
        {
            node.MTim = modificationTime;
        }
        else if ((flags & FstFlags.MtimNow) != 0)
        {
            node.MTim = now;
        }

        node.CTim = now;
        return Errno.Success;
    }

    private void DeleteChildren(InMemoryDirectoryNode dir)
    {
        foreach (var name in dir.Entries.Keys.ToList())
        {
            if (dir.Entries[name] is InMemoryDirectoryNode child)
            {
                DeleteChildren(child);
            }

            RemoveEntry(dir, name);
        }
    }

    private InMemoryDirectoryNode EnsureDirectory(string originalPath, string relative)
    {
        var current = _root;
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = Resolve(current, part, followFinal: true, out var r);
            if (e != Errno.Success)
            {
                throw Failure(e, originalPath);
            }

            switch (r.Node)
            {
                case InMemoryDirectoryNode dir:
                    current = dir;
                    break;
                case null when !r.IsRoot && !r.Parent!.Removed:
                    var created = new InMemoryDirectoryNode(NewIno(), Now(), r.Parent);
                    AddEntry(r.Parent, r.Name!, created);
                    current = created;
                    break;
                default:
                    throw Failure(r.Node is null ? Errno.Noent : Errno.Notdir, originalPath);
            }
        }

        return current;
    }

    private InMemoryNode? TryLookup(string path)
    {
        lock (SyncRoot)
        {
            return Resolve(_root, Relative(path), followFinal: true, out var r) == Errno.Success ? r.Node : null;
        }
    }

    private InMemoryNode Lookup(string path, bool followFinal)
    {
        var e = Resolve(_root, Relative(path), followFinal, out var r);
        if (e == Errno.Success && r.Node is null)
        {
            e = Errno.Noent;
        }

        return e == Errno.Success ? r.Node! : throw Failure(e, path);
    }

    /// <summary>An embedder path (<c>/a/b</c>; the leading slash is optional) relative to the root.</summary>
    private static string Relative(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimStart('/');
        return trimmed.Length == 0 ? "." : trimmed;
    }

    private static IOException Failure(Errno errno, string path) => errno switch
    {
        Errno.Noent => new FileNotFoundException($"No such file or directory in the in-memory file system: '{path}'.", path),
        _ => new IOException($"In-memory file system: '{path}': {errno}."),
    };
}
