namespace ReactorHost.Wasm.Model;

/// <summary>
/// The type of a <c>block</c>, <c>loop</c> or <c>if</c>: empty, a single result type, or an index
/// into the type section (multi-value: parameters and results).
/// </summary>
internal readonly record struct BlockType
{
    private BlockType(ValueKind result, int typeIndex)
    {
        Result = result;
        TypeIndex = typeIndex;
    }

    /// <summary>The empty block type <c>[] -> []</c>.</summary>
    public static BlockType Empty => new(ValueKind.Unknown, -1);

    /// <summary>A block type <c>[] -> [result]</c>.</summary>
    public static BlockType FromResult(ValueKind result) => new(result, -1);

    /// <summary>A block type given by a type-section index.</summary>
    public static BlockType FromTypeIndex(int typeIndex) => new(ValueKind.Unknown, typeIndex);

    /// <summary>The single result, or <see cref="ValueKind.Unknown"/> for empty / type-index blocks.</summary>
    public ValueKind Result { get; }

    /// <summary>The type-section index, or -1.</summary>
    public int TypeIndex { get; }

    /// <summary>True when the block type refers to the type section.</summary>
    public bool HasTypeIndex => TypeIndex >= 0;
}
