using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WasmMemory = ReactorHost.Wasm.Memory;

namespace ReactorHost.Wasi;

/// <summary>
/// A guest's linear memory as seen by the WASI layer: bounds-checked reads and writes of the
/// little-endian witx layouts, and zero-copy <see cref="Memory{T}"/>/<see cref="Span{T}"/> views.
/// Linear memory never moves when it grows, so views handed to async handlers stay valid while
/// the guest waits for the syscall to complete.
/// </summary>
/// <remarks>
/// Spans over an engine memory are made straight from its base address, which never changes
/// until the memory is disposed (a disposed memory has length 0, so every access is then out of
/// bounds); the bounds check reads the current length, so growth is seen at once. The whole
/// memory is also cached as one <see cref="Memory{T}"/> (refreshed only when the size changes), so
/// slicing <see cref="Memory{T}"/> views allocates nothing. Views reach at most the first 2 GiB;
/// addresses above that fall back to a per-view wrapper from the engine (one small allocation).
/// </remarks>
public sealed unsafe class GuestMemory
{
    private readonly WasmMemory? _wasm;
    private readonly byte* _base;
    private Memory<byte> _whole;
    private long _wholeLength;

    /// <summary>A view of an engine memory.</summary>
    public GuestMemory(WasmMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        _wasm = memory;
        _base = (byte*)memory.Pointer;
        _wholeLength = -1;
    }

    /// <summary>A view of a plain buffer (tests, benchmarks, embedders with their own memory).</summary>
    public GuestMemory(Memory<byte> buffer)
    {
        _whole = buffer;
        _wholeLength = buffer.Length;
    }

    /// <summary>Current size in bytes.</summary>
    public long Length
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _wasm is { } wasm ? wasm.Length : _wholeLength;
    }

    /// <summary>True when [<paramref name="pointer"/>, <paramref name="pointer"/> + <paramref name="length"/>) lies inside the memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsInBounds(uint pointer, ulong length) => pointer + length <= (ulong)Length;

    /// <summary>A span over a guest range, or false when it is out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetSpan(uint pointer, uint length, out Span<byte> span)
    {
        if (!IsInBounds(pointer, length))
        {
            span = default;
            return false;
        }

        span = GetSpanUnchecked(pointer, (int)Math.Min(length, int.MaxValue));
        return true;
    }

    /// <summary>A span over a guest range; throws <see cref="WasiErrnoException"/> (<see cref="Errno.Fault"/>) when out of bounds.</summary>
    public Span<byte> GetSpan(uint pointer, uint length)
    {
        if (!TryGetSpan(pointer, length, out var span))
        {
            WasiErrnoException.Throw(Errno.Fault);
        }

        return span;
    }

    /// <summary>A <see cref="Memory{T}"/> view of a guest range; throws <see cref="WasiErrnoException"/> (<see cref="Errno.Fault"/>) when out of bounds.</summary>
    public Memory<byte> GetMemory(uint pointer, uint length)
    {
        if (!IsInBounds(pointer, length) || length > int.MaxValue)
        {
            WasiErrnoException.Throw(Errno.Fault);
        }

        var whole = Whole();
        if (pointer + (ulong)length <= (ulong)whole.Length)
        {
            return whole.Slice((int)pointer, (int)length);
        }

        return _wasm!.AsMemory(pointer, (int)length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> GetSpanUnchecked(uint pointer, int length) =>
        _wasm is not null ? new Span<byte>(_base + pointer, length) : _whole.Span.Slice((int)pointer, length);

    private Memory<byte> Whole()
    {
        if (_wasm is { } wasm)
        {
            var length = wasm.Length;
            if (length != _wholeLength)
            {
                _whole = length == 0 ? Memory<byte>.Empty : wasm.AsMemory(0, (int)Math.Min(length, int.MaxValue));
                _wholeLength = length;
            }
        }

        return _whole;
    }

    /// <summary>Reads an unmanaged value (a witx record laid out as in guest memory), or false when out of bounds.</summary>
    public bool TryRead<T>(uint pointer, out T value)
        where T : unmanaged
    {
        if (!TryGetSpan(pointer, (uint)Unsafe.SizeOf<T>(), out var span))
        {
            value = default;
            return false;
        }

        value = MemoryMarshal.Read<T>(span);
        return true;
    }

    /// <summary>Writes an unmanaged value (a witx record laid out as in guest memory), or false when out of bounds.</summary>
    public bool TryWrite<T>(uint pointer, in T value)
        where T : unmanaged
    {
        if (!TryGetSpan(pointer, (uint)Unsafe.SizeOf<T>(), out var span))
        {
            return false;
        }

        MemoryMarshal.Write(span, in value);
        return true;
    }

    /// <summary>Reads a little-endian u32; throws <see cref="WasiErrnoException"/> (<see cref="Errno.Fault"/>) when out of bounds.</summary>
    public uint ReadUInt32(uint pointer) => BinaryPrimitives.ReadUInt32LittleEndian(GetSpan(pointer, 4));

    /// <summary>Writes a little-endian u32; throws <see cref="WasiErrnoException"/> (<see cref="Errno.Fault"/>) when out of bounds.</summary>
    public void WriteUInt32(uint pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(pointer, 4), value);

    /// <summary>Writes a little-endian u64; throws <see cref="WasiErrnoException"/> (<see cref="Errno.Fault"/>) when out of bounds.</summary>
    public void WriteUInt64(uint pointer, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(pointer, 8), value);

    /// <summary>Writes a little-endian u16; throws <see cref="WasiErrnoException"/> (<see cref="Errno.Fault"/>) when out of bounds.</summary>
    public void WriteUInt16(uint pointer, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(pointer, 2), value);
}
