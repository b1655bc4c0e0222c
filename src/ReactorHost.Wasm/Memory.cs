namespace ReactorHost.Wasm;

/// <summary>
/// A linear memory. Its address never changes when it grows (address space is reserved up front
/// and committed on growth), so pointers, spans and <see cref="Memory{T}"/> views stay valid.
/// </summary>
public sealed class Memory : IDisposable
{
    /// <summary>Creates a memory with the given limits in 64 KiB pages (e.g. to define an import).</summary>
    public Memory(uint minimumPages, uint? maximumPages = null) => throw new NotImplementedException("back-end helper");

    /// <summary>The memory's type (current limits).</summary>
    public MemoryType Type => throw new NotImplementedException();

    /// <summary>Current size in pages.</summary>
    public uint Pages => throw new NotImplementedException();

    /// <summary>Current size in bytes.</summary>
    public long Length => throw new NotImplementedException();

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when it cannot grow.</summary>
    public int Grow(uint deltaPages) => throw new NotImplementedException();

    /// <summary>A span over [offset, offset + length); throws <see cref="ArgumentOutOfRangeException"/> when out of bounds.</summary>
    public Span<byte> GetSpan(long offset, int length) => throw new NotImplementedException();

    /// <summary>A <see cref="Memory{T}"/> view over [offset, offset + length) that stays valid across growth.</summary>
    public Memory<byte> AsMemory(long offset, int length) => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Dispose() => throw new NotImplementedException();
}
