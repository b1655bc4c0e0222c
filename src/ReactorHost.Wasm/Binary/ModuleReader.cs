using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Binary;

/// <summary>Decodes a module binary into a <see cref="ModuleDefinition"/> (no validation beyond well-formedness).</summary>
internal static class ModuleReader
{
    /// <summary>Decodes <paramref name="bytes"/>. The returned definition may keep slices of <paramref name="bytes"/>.</summary>
    /// <exception cref="WasmModuleException">The binary is malformed (IsMalformed = true).</exception>
    public static ModuleDefinition Read(ReadOnlyMemory<byte> bytes) => throw new NotImplementedException("front-end helper");
}
