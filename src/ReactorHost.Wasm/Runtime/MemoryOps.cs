namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// memory.grow and the bulk-memory instructions. Bounds are checked in 64 bits before anything is
/// written (a failing operation has no effect); zero-length operations at the very end are allowed.
/// </summary>
internal static unsafe class MemoryOps
{
    /// <summary>memory.grow: old size in pages or -1.</summary>
    public static int Grow(int deltaPages, Memory memory) => memory.Grow((uint)deltaPages);

    /// <summary>memory.fill.</summary>
    public static void Fill(int destination, int value, int count, Memory memory)
    {
        if ((ulong)(uint)destination + (uint)count > memory.ByteLength)
        {
            TrapHelpers.ThrowMemoryOutOfBounds();
        }

        System.Runtime.InteropServices.NativeMemory.Fill((byte*)memory.BaseAddress + (uint)destination, (uint)count, (byte)value);
    }

    /// <summary>memory.copy (overlapping ranges copy as if through a temporary buffer).</summary>
    public static void Copy(int destination, int source, int count, Memory memory)
    {
        var size = memory.ByteLength;
        if ((ulong)(uint)destination + (uint)count > size || (ulong)(uint)source + (uint)count > size)
        {
            TrapHelpers.ThrowMemoryOutOfBounds();
        }

        var basePointer = (byte*)memory.BaseAddress;
        Buffer.MemoryCopy(basePointer + (uint)source, basePointer + (uint)destination, (uint)count, (uint)count);
    }

    /// <summary>memory.init from data segment <paramref name="segmentIndex"/>.</summary>
    public static void Init(int destination, int source, int count, Memory memory, InstanceContext context, int segmentIndex)
    {
        var segment = context.DataSegments[segmentIndex].Span;
        if ((ulong)(uint)source + (uint)count > (ulong)segment.Length || (ulong)(uint)destination + (uint)count > memory.ByteLength)
        {
            TrapHelpers.ThrowMemoryOutOfBounds();
        }

        segment.Slice(source, count).CopyTo(new Span<byte>((byte*)memory.BaseAddress + (uint)destination, count));
    }

    /// <summary>data.drop.</summary>
    public static void DropData(InstanceContext context, int segmentIndex) => context.DataSegments[segmentIndex] = default;
}
