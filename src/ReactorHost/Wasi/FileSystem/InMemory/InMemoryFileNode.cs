namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>A regular file: its content and the number of open handles keeping it alive once unlinked.</summary>
internal sealed class InMemoryFileNode(ulong ino, ulong now) : InMemoryLinkedNode(ino, now)
{
    public InMemoryFileContent Content { get; } = new();

    /// <summary>Open <see cref="InMemoryFile"/> handles.</summary>
    public int OpenHandles { get; set; }

    /// <summary>Storage returned to the file system (no name and no handle left).</summary>
    public bool Released { get; set; }

    public override FileType FileType => FileType.RegularFile;

    public override ulong Size => (ulong)Content.Length;
}
