namespace ReactorHost.Wasm;

/// <summary>The type of a table: its element reference type and limits in elements.</summary>
/// <param name="ElementKind"><see cref="ValueKind.FuncRef"/> or <see cref="ValueKind.ExternRef"/>.</param>
/// <param name="Limits">Initial and maximum size in elements.</param>
public sealed record TableType(ValueKind ElementKind, Limits Limits);
