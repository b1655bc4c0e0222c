using System.Buffers;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm;

/// <summary>
/// A linear memory. Its address never changes when it grows (address space is reserved up front
/// and committed on growth), so pointers, spans and <see cref="Memory{T}"/> views stay valid.
/// </summary>
/// <remarks>
/// The reservation is the most the memory can ever reach: its declared maximum (or 4 GiB), capped
/// by <see cref="EngineOptions.MaxMemoryBytes"/>. Pages are committed by <see cref="Grow"/>.
/// Views and spans must not be used after <see cref="Dispose"/>.
/// </remarks>
public sealed unsafe class Memory : IDisposable
{
    /// <summary>Base address; read by compiled code. Never changes until disposal.</summary>
    internal nint BaseAddress;

    /// <summary>Current size in bytes; read by compiled code for bounds checks.</summary>
    internal ulong ByteLength;

    private readonly uint? _maximumPages;
    private readonly uint _growLimitPages;
    private nuint _reservedBytes;

    /// <summary>Creates a memory with the given limits in 64 KiB pages (e.g. to define an import).</summary>
    public Memory(uint minimumPages, uint? maximumPages = null)
        : this(minimumPages, maximumPages, 4L << 30)
    {
    }

    /// <summary>Creates a memory whose growth is also capped at <paramref name="capBytes"/>.</summary>
    internal Memory(uint minimumPages, uint? maximumPages, long capBytes)
    {
        if (maximumPages is { } max && max < minimumPages)
        {
            throw new ArgumentException("The maximum size is smaller than the minimum size.", nameof(maximumPages));
        }

        if (minimumPages > MemoryType.MaxPages || maximumPages > MemoryType.MaxPages)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumPages), "A 32-bit memory has at most 65536 pages.");
        }

        _maximumPages = maximumPages;
        var capPages = (uint)Math.Clamp(capBytes / MemoryType.PageSize, 0, MemoryType.MaxPages);
        _growLimitPages = Math.Min(maximumPages ?? MemoryType.MaxPages, capPages);
        if (minimumPages > _growLimitPages)
        {
            throw new InvalidOperationException(
                $"The memory's initial size ({minimumPages} pages) exceeds EngineOptions.MaxMemoryBytes ({capBytes} bytes).");
        }

        // Reserve the whole growth range (at least one page so the base is a real address).
        _reservedBytes = (nuint)Math.Max(_growLimitPages, 1u) * MemoryType.PageSize;
        var reserved = VirtualMemory.Reserve(_reservedBytes);
        if (reserved == null && _growLimitPages > minimumPages)
        {
            // Address space is scarce: settle for the initial size (growth will then fail with -1).
            _growLimitPages = minimumPages;
            _reservedBytes = (nuint)Math.Max(minimumPages, 1u) * MemoryType.PageSize;
            reserved = VirtualMemory.Reserve(_reservedBytes);
        }

        if (reserved == null)
        {
            throw new OutOfMemoryException("Cannot reserve address space for a linear memory.");
        }

        var initialBytes = (nuint)minimumPages * MemoryType.PageSize;
        if (!VirtualMemory.Commit(reserved, initialBytes))
        {
            VirtualMemory.Release(reserved, _reservedBytes);
            throw new OutOfMemoryException("Cannot commit the initial pages of a linear memory.");
        }

        BaseAddress = (nint)reserved;
        ByteLength = initialBytes;
    }

    /// <summary>Releases the address space if <see cref="Dispose"/> was not called.</summary>
    ~Memory() => Release();

    /// <summary>The memory's type (current limits).</summary>
    public MemoryType Type => new(new Limits(Pages, _maximumPages));

    /// <summary>Current size in pages.</summary>
    public uint Pages => (uint)(ByteLength / MemoryType.PageSize);

    /// <summary>Current size in bytes.</summary>
    public long Length => (long)ByteLength;

    /// <summary>The base address of the memory (valid until disposal; never moves).</summary>
    public nint Pointer => BaseAddress;

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when it cannot grow.</summary>
    public int Grow(uint deltaPages)
    {
        var oldPages = Pages;
        if (deltaPages == 0)
        {
            return (int)oldPages;
        }

        var newPages = (ulong)oldPages + deltaPages;
        if (newPages > _growLimitPages || BaseAddress == 0)
        {
            return -1;
        }

        var newBytes = newPages * MemoryType.PageSize;
        if (!VirtualMemory.Commit((byte*)BaseAddress + ByteLength, (nuint)(newBytes - ByteLength)))
        {
            return -1;
        }

        ByteLength = newBytes;
        return (int)oldPages;
    }

    /// <summary>A span over [offset, offset + length); throws <see cref="ArgumentOutOfRangeException"/> when out of bounds.</summary>
    public Span<byte> GetSpan(long offset, int length)
    {
        CheckRange(offset, length);
        return new Span<byte>((byte*)BaseAddress + offset, length);
    }

    /// <summary>A <see cref="Memory{T}"/> view over [offset, offset + length) that stays valid across growth.</summary>
    public Memory<byte> AsMemory(long offset, int length)
    {
        CheckRange(offset, length);
        return new View((byte*)BaseAddress + offset, length).Memory;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void CheckRange(long offset, int length)
    {
        if (offset < 0 || length < 0 || (ulong)offset + (ulong)length > ByteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, {offset}+{length}) is outside the memory ({ByteLength} bytes).");
        }
    }

    private void Release()
    {
        var address = Interlocked.Exchange(ref BaseAddress, 0);
        ByteLength = 0;
        if (address != 0)
        {
            VirtualMemory.Release((byte*)address, _reservedBytes);
        }
    }

    /// <summary>A <see cref="MemoryManager{T}"/> over a fixed native range (the memory never moves).</summary>
    private sealed class View(byte* pointer, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
