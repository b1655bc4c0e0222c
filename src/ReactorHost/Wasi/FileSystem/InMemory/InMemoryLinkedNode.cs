namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>A node that may have several names (regular files and symbolic links; directories may not).</summary>
internal abstract class InMemoryLinkedNode(ulong ino, ulong now) : InMemoryNode(ino, now)
{
    /// <summary>Names referring to the node; 0 once the last one is unlinked.</summary>
    public ulong Links { get; set; } = 1;

    public override ulong LinkCount => Links;
}
