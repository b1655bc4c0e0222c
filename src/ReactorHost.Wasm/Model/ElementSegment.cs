namespace ReactorHost.Wasm.Model;

/// <summary>
/// An element segment. All eight binary encodings are normalised to this form: function-index
/// vectors become <c>ref.func</c> constant expressions in <see cref="Items"/>.
/// </summary>
internal sealed class ElementSegment
{
    /// <summary>Active, passive or declarative.</summary>
    public required SegmentMode Mode { get; init; }

    /// <summary>Element reference type (funcref or externref).</summary>
    public required ValueKind ElementKind { get; init; }

    /// <summary>For active segments: target table index.</summary>
    public int TableIndex { get; init; }

    /// <summary>For active segments: the offset expression (i32).</summary>
    public ConstantExpression? OffsetExpression { get; init; }

    /// <summary>The element initializers, one constant expression each.</summary>
    public required IReadOnlyList<ConstantExpression> Items { get; init; }

    /// <summary>Byte offset of the segment.</summary>
    public int Offset { get; init; }
}
