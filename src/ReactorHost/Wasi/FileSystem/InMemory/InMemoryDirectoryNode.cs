namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// A directory: its entries in ordinal name order (so listings are deterministic) and its parent
/// (directories have exactly one name, which makes "is this a descendant" checks a parent walk).
/// </summary>
internal sealed class InMemoryDirectoryNode(ulong ino, ulong now, InMemoryDirectoryNode? parent) : InMemoryNode(ino, now)
{
    /// <summary>The size reported for directories, as the host directory reports it.</summary>
    public const ulong ReportedSize = 4096;

    public SortedDictionary<string, InMemoryNode> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The containing directory; null for the file system root.</summary>
    public InMemoryDirectoryNode? Parent { get; set; } = parent;

    /// <summary>Child directories (each one's <c>..</c> is a link to this one).</summary>
    public int Subdirectories { get; set; }

    /// <summary>Removed by rmdir or replaced by rename; open handles see it empty and may not create in it.</summary>
    public bool Removed { get; set; }

    public override FileType FileType => FileType.Directory;

    public override ulong LinkCount => Removed ? 0 : 2 + (ulong)Subdirectories;

    public override ulong Size => ReportedSize;

    /// <summary>True when <paramref name="ancestor"/> is this directory or one of its parents.</summary>
    public bool IsWithin(InMemoryDirectoryNode ancestor)
    {
        for (var d = this; d is not null; d = d.Parent)
        {
            if (ReferenceEquals(d, ancestor))
            {
                return true;
            }
        }

        return false;
    }
}
