namespace ReactorHost.Wasm.Model;

/// <summary>
/// A decoded module: the sections of the binary in index-space order. Produced by
/// <c>Binary.ModuleReader</c>, checked by <c>Validation.ModuleValidator</c>, consumed by the
/// compiler and the runtime. Index spaces (functions, tables, memories, globals) count imports first.
/// </summary>
internal sealed class ModuleDefinition
{
    /// <summary>The type section.</summary>
    public List<FunctionType> Types { get; } = [];

    /// <summary>The import section, in order.</summary>
    public List<ImportDefinition> Imports { get; } = [];

    /// <summary>Type index of each defined (non-imported) function, from the function section.</summary>
    public List<int> FunctionTypeIndices { get; } = [];

    /// <summary>Defined tables.</summary>
    public List<TableType> Tables { get; } = [];

    /// <summary>Defined memories.</summary>
    public List<MemoryType> Memories { get; } = [];

    /// <summary>Defined globals.</summary>
    public List<GlobalDefinition> Globals { get; } = [];

    /// <summary>The export section.</summary>
    public List<ExportDefinition> Exports { get; } = [];

    /// <summary>The start function index, if any.</summary>
    public int? StartFunction { get; set; }

    /// <summary>The element section.</summary>
    public List<ElementSegment> Elements { get; } = [];

    /// <summary>The data count section's value, if present.</summary>
    public int? DataCount { get; set; }

    /// <summary>The code section: one body per defined function.</summary>
    public List<FunctionBody> Bodies { get; } = [];

    /// <summary>The data section.</summary>
    public List<DataSegment> Data { get; } = [];

    /// <summary>Custom sections (including <c>name</c>), in order.</summary>
    public List<CustomSection> CustomSections { get; } = [];

    /// <summary>The decoded name section (empty when absent or malformed).</summary>
    public NameSection Names { get; set; } = new();

    /// <summary>Number of imported functions (the first indices of the function index space).</summary>
    public int ImportedFunctionCount { get; set; }

    /// <summary>Number of imported tables.</summary>
    public int ImportedTableCount { get; set; }

    /// <summary>Number of imported memories.</summary>
    public int ImportedMemoryCount { get; set; }

    /// <summary>Number of imported globals.</summary>
    public int ImportedGlobalCount { get; set; }

    /// <summary>Total functions (imported + defined).</summary>
    public int FunctionCount => ImportedFunctionCount + FunctionTypeIndices.Count;

    /// <summary>Total tables.</summary>
    public int TableCount => ImportedTableCount + Tables.Count;

    /// <summary>Total memories.</summary>
    public int MemoryCount => ImportedMemoryCount + Memories.Count;

    /// <summary>Total globals.</summary>
    public int GlobalCount => ImportedGlobalCount + Globals.Count;

    private int[]? _importedFunctionTypes;
    private TableType[]? _importedTables;
    private MemoryType[]? _importedMemories;
    private GlobalType[]? _importedGlobals;

    // The lookups below cache the imported part of each index space on first use; call them only
    // once decoding is complete (the validator, compiler and runtime do).

    /// <summary>The type index of a function in the function index space.</summary>
    public int GetFunctionTypeIndex(int functionIndex)
    {
        _importedFunctionTypes ??= [.. Imports.Where(i => i.Kind == ExternKind.Function).Select(i => i.FunctionTypeIndex)];
        return functionIndex < _importedFunctionTypes.Length
            ? _importedFunctionTypes[functionIndex]
            : FunctionTypeIndices[functionIndex - _importedFunctionTypes.Length];
    }

    /// <summary>The type of a function in the function index space.</summary>
    public FunctionType GetFunctionType(int functionIndex) => Types[GetFunctionTypeIndex(functionIndex)];

    /// <summary>The type of a table in the table index space.</summary>
    public TableType GetTableType(int tableIndex)
    {
        _importedTables ??= [.. Imports.Where(i => i.Kind == ExternKind.Table).Select(i => i.Table!)];
        return tableIndex < _importedTables.Length ? _importedTables[tableIndex] : Tables[tableIndex - _importedTables.Length];
    }

    /// <summary>The type of a memory in the memory index space.</summary>
    public MemoryType GetMemoryType(int memoryIndex)
    {
        _importedMemories ??= [.. Imports.Where(i => i.Kind == ExternKind.Memory).Select(i => i.Memory!)];
        return memoryIndex < _importedMemories.Length ? _importedMemories[memoryIndex] : Memories[memoryIndex - _importedMemories.Length];
    }

    /// <summary>The type of a global in the global index space.</summary>
    public GlobalType GetGlobalType(int globalIndex)
    {
        _importedGlobals ??= [.. Imports.Where(i => i.Kind == ExternKind.Global).Select(i => i.Global!)];
        return globalIndex < _importedGlobals.Length ? _importedGlobals[globalIndex] : Globals[globalIndex - _importedGlobals.Length].Type;
    }
}
