namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>Creates the malformed-text exceptions (offset = character offset in the source).</summary>
internal static class TextError
{
    public static WasmModuleException At(int offset, string reason) => new(offset, reason, isMalformed: true);
}
