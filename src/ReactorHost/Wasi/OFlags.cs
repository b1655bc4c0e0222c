namespace ReactorHost.Wasi;

/// <summary>Open flags used by path_open (witx <c>oflags</c>, u16).</summary>
[Flags]
public enum OFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Create file if it does not exist.</summary>
    Creat = 1 << 0,

    /// <summary>Fail if not a directory.</summary>
    Directory = 1 << 1,

    /// <summary>Fail if file already exists.</summary>
    Excl = 1 << 2,

    /// <summary>Truncate file to size 0.</summary>
    Trunc = 1 << 3,
}
