using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Validation;

/// <summary>Validates a decoded module against the WebAssembly 2.0 validation rules (all sections and all function bodies).</summary>
internal static class ModuleValidator
{
    /// <summary>Validates <paramref name="module"/>.</summary>
    /// <exception cref="WasmModuleException">The module is invalid (IsMalformed = false).</exception>
    /// <exception cref="WasmNotSupportedException">The module uses SIMD or another unsupported feature.</exception>
    public static void Validate(ModuleDefinition module) => throw new NotImplementedException("front-end helper");
}
