namespace ReactorHost.Wasm.Model;

/// <summary>An entry of the import section.</summary>
internal sealed class ImportDefinition
{
    /// <summary>Module name.</summary>
    public required string ModuleName { get; init; }

    /// <summary>Field name.</summary>
    public required string Name { get; init; }

    /// <summary>What is imported.</summary>
    public required ExternKind Kind { get; init; }

    /// <summary>For functions: the type-section index.</summary>
    public int FunctionTypeIndex { get; init; } = -1;

    /// <summary>For tables.</summary>
    public TableType? Table { get; init; }

    /// <summary>For memories.</summary>
    public MemoryType? Memory { get; init; }

    /// <summary>For globals.</summary>
    public GlobalType? Global { get; init; }

    /// <summary>Byte offset of the entry (for error messages).</summary>
    public int Offset { get; init; }
}
