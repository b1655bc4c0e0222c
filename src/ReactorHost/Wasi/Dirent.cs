using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>A directory entry header (witx <c>dirent</c>): 24 bytes, align 8, followed in the buffer by <see cref="NameLength"/> bytes of name.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct Dirent
{
    /// <summary>Size of the header in guest memory.</summary>
    public const int Size = 24;

    /// <summary>The offset (cookie) of the next directory entry stored in this directory.</summary>
    [FieldOffset(0)] public ulong Next;

    /// <summary>The serial number of the file referred to by this entry.</summary>
    [FieldOffset(8)] public ulong Ino;

    /// <summary>The length of the name of the entry.</summary>
    [FieldOffset(16)] public uint NameLength;

    /// <summary>The type of the file referred to by this entry.</summary>
    [FieldOffset(20)] public FileType Type;
}
