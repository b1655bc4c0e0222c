namespace ReactorHost.Wasm;

/// <summary>The kind of an import or export. Numeric values equal the binary encoding.</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Function = 0,

    /// <summary>A table.</summary>
    Table = 1,

    /// <summary>A linear memory.</summary>
    Memory = 2,

    /// <summary>A global.</summary>
    Global = 3,
}
