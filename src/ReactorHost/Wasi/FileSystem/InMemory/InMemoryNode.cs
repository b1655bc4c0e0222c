namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// An inode of an <see cref="InMemoryFileSystem"/>: a serial number and timestamps shared by
/// every name (hard link) that refers to it. Guarded by the file system's lock.
/// </summary>
internal abstract class InMemoryNode
{
    protected InMemoryNode(ulong ino, ulong now)
    {
        Ino = ino;
        ATim = now;
        MTim = now;
        CTim = now;
    }

    public ulong Ino { get; }

    public ulong ATim { get; set; }

    public ulong MTim { get; set; }

    public ulong CTim { get; set; }

    public abstract FileType FileType { get; }

    /// <summary>Hard links naming the node (directories: 2 + subdirectories, 0 once removed).</summary>
    public abstract ulong LinkCount { get; }

    /// <summary>The size filestat reports.</summary>
    public abstract ulong Size { get; }

    /// <summary>Marks contents as modified now (mtime and ctime).</summary>
    public void Modified(ulong now)
    {
        MTim = now;
        CTim = now;
    }

    public FileStat Stat(ulong device) => new()
    {
        Dev = device,
        Ino = Ino,
        FileType = FileType,
        NLink = LinkCount,
        FileSize = Size,
        ATim = ATim,
        MTim = MTim,
        CTim = CTim,
    };
}
