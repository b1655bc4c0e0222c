namespace ReactorHost.Wasm;

/// <summary>One frame of a wasm stack trace.</summary>
/// <param name="ModuleName">The module's name (from the name section, or the name given when loading).</param>
/// <param name="FunctionIndex">Index in the module's function index space.</param>
/// <param name="FunctionName">Name from the name section or export, or null.</param>
public sealed record WasmStackFrame(string? ModuleName, int FunctionIndex, string? FunctionName)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{ModuleName ?? "<module>"}!{FunctionName ?? $"<wasm function {FunctionIndex}>"}";
}
