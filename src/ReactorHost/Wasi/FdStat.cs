using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>File descriptor attributes (witx <c>fdstat</c>): 24 bytes, align 8.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct FdStat
{
    /// <summary>Size of the record in guest memory.</summary>
    public const int Size = 24;

    /// <summary>File type.</summary>
    [FieldOffset(0)] public FileType FileType;

    /// <summary>File descriptor flags.</summary>
    [FieldOffset(2)] public FdFlags Flags;

    /// <summary>Rights that apply to this file descriptor.</summary>
    [FieldOffset(8)] public Rights RightsBase;

    /// <summary>Maximum set of rights that may be installed on new file descriptors created through this one.</summary>
    [FieldOffset(16)] public Rights RightsInheriting;
}
