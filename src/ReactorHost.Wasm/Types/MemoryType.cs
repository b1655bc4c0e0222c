namespace ReactorHost.Wasm;

/// <summary>The type of a linear memory: its limits in 64 KiB pages.</summary>
/// <param name="Limits">Initial and maximum size in pages.</param>
public sealed record MemoryType(Limits Limits)
{
    /// <summary>The size of one WebAssembly page in bytes.</summary>
    public const int PageSize = 65536;

    /// <summary>The largest page count a 32-bit memory may have (4 GiB).</summary>
    public const uint MaxPages = 65536;
}
