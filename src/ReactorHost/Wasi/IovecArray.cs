using System.Buffers.Binary;

namespace ReactorHost.Wasi;

/// <summary>
/// A zero-copy view of a guest <c>iovec_array</c> / <c>ciovec_array</c>: <see cref="Count"/>
/// records of {u32 buf, u32 buf_len} at <see cref="Pointer"/>. Each element is returned as a
/// <see cref="Memory{T}"/> or <see cref="Span{T}"/> slice of guest memory without copying or
/// allocating. The syscall layer validates every buffer before the handler runs (EFAULT
/// otherwise); elements are re-checked on access in case a handler overwrote the array.
/// </summary>
public readonly struct IovecArray
{
    /// <summary>Size of one iovec record in guest memory.</summary>
    public const int ElementSize = 8;

    private IovecArray(GuestMemory memory, uint pointer, int count, long totalLength)
    {
        GuestMemory = memory;
        Pointer = pointer;
        Count = count;
        TotalLength = totalLength;
    }

    /// <summary>The guest memory the array lives in.</summary>
    public GuestMemory GuestMemory { get; }

    /// <summary>Guest address of the array.</summary>
    public uint Pointer { get; }

    /// <summary>Number of buffers.</summary>
    public int Count { get; }

    /// <summary>Sum of the buffer lengths (as validated).</summary>
    public long TotalLength { get; }

    /// <summary>Buffer <paramref name="index"/> as a <see cref="Memory{T}"/> over guest memory.</summary>
    public Memory<byte> this[int index]
    {
        get
        {
            var (buf, len) = Element(index);
            return GuestMemory.GetMemory(buf, len);
        }
    }

    /// <summary>Buffer <paramref name="index"/> as a span over guest memory.</summary>
    public Span<byte> GetSpan(int index)
    {
        var (buf, len) = Element(index);
        return GuestMemory.GetSpan(buf, len);
    }

    /// <summary>Guest address and length of buffer <paramref name="index"/>.</summary>
    public (uint Buffer, uint Length) Element(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var record = GuestMemory.GetSpan(Pointer + ((uint)index * ElementSize), ElementSize);
        return (BinaryPrimitives.ReadUInt32LittleEndian(record), BinaryPrimitives.ReadUInt32LittleEndian(record[4..]));
    }

    /// <summary>Scatters <paramref name="source"/> into the buffers in order; returns the number of bytes copied.</summary>
    public int CopyFrom(ReadOnlySpan<byte> source)
    {
        var copied = 0;
        for (var i = 0; i < Count && !source.IsEmpty; i++)
        {
            var target = GetSpan(i);
            var n = Math.Min(target.Length, source.Length);
            source[..n].CopyTo(target);
            source = source[n..];
            copied += n;
        }

        return copied;
    }

    /// <summary>Gathers the buffers into <paramref name="destination"/> (up to its length); returns the number of bytes copied.</summary>
    public int CopyTo(Span<byte> destination)
    {
        var copied = 0;
        for (var i = 0; i < Count && !destination.IsEmpty; i++)
        {
            var source = GetSpan(i);
            var n = Math.Min(source.Length, destination.Length);
            source[..n].CopyTo(destination);
            destination = destination[n..];
            copied += n;
        }

        return copied;
    }

    /// <summary>
    /// Validates a guest iovec array: the array itself and every buffer must lie inside guest
    /// memory (otherwise <see cref="Errno.Fault"/>), and the total length must fit a u32 size
    /// (otherwise <see cref="Errno.Inval"/>).
    /// </summary>
    public static Errno TryCreate(GuestMemory memory, uint pointer, uint count, out IovecArray array)
    {
        ArgumentNullException.ThrowIfNull(memory);
        array = default;
        if (count > int.MaxValue / ElementSize || !memory.TryGetSpan(pointer, count * ElementSize, out var records))
        {
            return Errno.Fault;
        }

        long total = 0;
        for (var i = 0; i < (int)count; i++)
        {
            var buf = BinaryPrimitives.ReadUInt32LittleEndian(records[(i * ElementSize)..]);
            var len = BinaryPrimitives.ReadUInt32LittleEndian(records[((i * ElementSize) + 4)..]);
            if (!memory.IsInBounds(buf, len))
            {
                return Errno.Fault;
            }

            total += len;
        }

        if (total > uint.MaxValue)
        {
            return Errno.Inval;
        }

        array = new IovecArray(memory, pointer, (int)count, total);
        return Errno.Success;
    }
}
