using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>File attributes (witx <c>filestat</c>): 64 bytes, align 8, laid out exactly as in guest memory.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct FileStat
{
    /// <summary>Size of the record in guest memory.</summary>
    public const int Size = 64;

    /// <summary>Device ID of device containing the file.</summary>
    [FieldOffset(0)] public ulong Dev;

    /// <summary>File serial number.</summary>
    [FieldOffset(8)] public ulong Ino;

    /// <summary>File type.</summary>
    [FieldOffset(16)] public FileType FileType;

    /// <summary>Number of hard links to the file.</summary>
    [FieldOffset(24)] public ulong NLink;

    /// <summary>For regular files, the file size in bytes; for symbolic links, the length of the target path.</summary>
    [FieldOffset(32)] public ulong FileSize;

    /// <summary>Last data access timestamp (ns since the Unix epoch).</summary>
    [FieldOffset(40)] public ulong ATim;

    /// <summary>Last data modification timestamp (ns since the Unix epoch).</summary>
    [FieldOffset(48)] public ulong MTim;

    /// <summary>Last file status change timestamp (ns since the Unix epoch).</summary>
    [FieldOffset(56)] public ulong CTim;
}
