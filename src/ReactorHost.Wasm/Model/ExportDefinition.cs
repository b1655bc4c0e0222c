namespace ReactorHost.Wasm.Model;

/// <summary>An entry of the export section.</summary>
/// <param name="Name">Export name.</param>
/// <param name="Kind">What is exported.</param>
/// <param name="Index">Index in the corresponding index space (imports first).</param>
/// <param name="Offset">Byte offset of the entry.</param>
internal sealed record ExportDefinition(string Name, ExternKind Kind, int Index, int Offset);
