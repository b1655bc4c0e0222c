namespace ReactorHost.Wasm.Model;

/// <summary>A data segment.</summary>
internal sealed class DataSegment
{
    /// <summary>Active or passive.</summary>
    public required SegmentMode Mode { get; init; }

    /// <summary>For active segments: target memory index (always 0 in WebAssembly 2.0).</summary>
    public int MemoryIndex { get; init; }

    /// <summary>For active segments: the offset expression (i32).</summary>
    public ConstantExpression? OffsetExpression { get; init; }

    /// <summary>The bytes.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    /// <summary>Byte offset of the segment.</summary>
    public int Offset { get; init; }
}
