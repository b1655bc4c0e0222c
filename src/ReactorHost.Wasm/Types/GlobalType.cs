namespace ReactorHost.Wasm;

/// <summary>The type of a global: its value type and mutability.</summary>
/// <param name="Kind">The value type.</param>
/// <param name="Mutable">True for <c>(mut t)</c>.</param>
public sealed record GlobalType(ValueKind Kind, bool Mutable);
