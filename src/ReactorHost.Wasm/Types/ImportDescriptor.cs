namespace ReactorHost.Wasm;

/// <summary>An import declared by a module.</summary>
/// <param name="ModuleName">The first level of the import name.</param>
/// <param name="Name">The second level of the import name.</param>
/// <param name="Kind">What is imported.</param>
/// <param name="Type">
/// The expected type: a <see cref="FunctionType"/>, <see cref="TableType"/>, <see cref="MemoryType"/> or
/// <see cref="GlobalType"/> according to <paramref name="Kind"/>.
/// </param>
public sealed record ImportDescriptor(string ModuleName, string Name, ExternKind Kind, object Type);
