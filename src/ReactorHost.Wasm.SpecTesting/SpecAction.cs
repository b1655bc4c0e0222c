namespace ReactorHost.Wasm.SpecTesting;

/// <summary>An action of a command: invoke an export with arguments, or read a global.</summary>
/// <param name="Kind">Invoke or get.</param>
/// <param name="ModuleName">The module's script name (e.g. <c>$M</c>), or null for the current module.</param>
/// <param name="Field">The export name.</param>
/// <param name="Arguments">The arguments of an invoke.</param>
public sealed record SpecAction(SpecActionKind Kind, string? ModuleName, string Field, IReadOnlyList<SpecValue> Arguments);
