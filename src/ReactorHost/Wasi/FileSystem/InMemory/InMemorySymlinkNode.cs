using System.Text;

namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>A symbolic link: its target path, stored as written.</summary>
internal sealed class InMemorySymlinkNode(ulong ino, ulong now, string target) : InMemoryLinkedNode(ino, now)
{
    public string Target { get; } = target;

    public override FileType FileType => FileType.SymbolicLink;

    public override ulong Size => (ulong)Encoding.UTF8.GetByteCount(Target);
}
