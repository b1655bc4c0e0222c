namespace ReactorHost.Wasm;

/// <summary>An export declared by a module.</summary>
/// <param name="Name">The export name (unique within a module).</param>
/// <param name="Kind">What is exported.</param>
/// <param name="Type">
/// The type: a <see cref="FunctionType"/>, <see cref="TableType"/>, <see cref="MemoryType"/> or
/// <see cref="GlobalType"/> according to <paramref name="Kind"/>.
/// </param>
public sealed record ExportDescriptor(string Name, ExternKind Kind, object Type);
