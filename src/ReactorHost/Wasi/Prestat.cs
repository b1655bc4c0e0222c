using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>Information about a pre-opened capability (witx <c>prestat</c>, a union tagged by <see cref="PreopenType"/>): 8 bytes, align 4.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct Prestat
{
    /// <summary>Size of the record in guest memory.</summary>
    public const int Size = 8;

    /// <summary>The union tag.</summary>
    [FieldOffset(0)] public PreopenType Tag;

    /// <summary>For <see cref="PreopenType.Dir"/>: the length of the directory name (<c>prestat_dir.pr_name_len</c>).</summary>
    [FieldOffset(4)] public uint NameLength;

    /// <summary>A directory prestat whose name is <paramref name="nameLength"/> bytes long.</summary>
    public static Prestat Directory(uint nameLength) => new() { Tag = PreopenType.Dir, NameLength = nameLength };
}
