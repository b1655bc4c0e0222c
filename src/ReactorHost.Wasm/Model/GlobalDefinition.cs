namespace ReactorHost.Wasm.Model;

/// <summary>A global defined by the module (not imported).</summary>
/// <param name="Type">The global's type.</param>
/// <param name="Initializer">Its constant initializer expression.</param>
internal sealed record GlobalDefinition(GlobalType Type, ConstantExpression Initializer);
