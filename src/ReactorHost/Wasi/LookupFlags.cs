namespace ReactorHost.Wasi;

/// <summary>Flags determining the method of how paths are resolved (witx <c>lookupflags</c>, u32).</summary>
[Flags]
public enum LookupFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>As long as the resolved path corresponds to a symbolic link, it is expanded.</summary>
    SymlinkFollow = 1 << 0,
}
