using ReactorHost.Wasm.Text.Parsing;

namespace ReactorHost.Wasm.Text;

/// <summary>The WebAssembly text format: converts a text module (WAT) to the binary format.</summary>
public static class Wat
{
    /// <summary>
    /// Parses a text module — either <c>(module ...)</c> or a bare sequence of module fields — and
    /// returns its binary encoding. <c>(module binary ...)</c> returns its bytes unchanged and
    /// <c>(module quote ...)</c> parses its quoted text.
    /// </summary>
    /// <exception cref="WasmModuleException">The text is malformed (IsMalformed = true); Offset is the character offset.</exception>
    /// <exception cref="WasmNotSupportedException">The text uses SIMD.</exception>
    public static byte[] ToBinary(string text) => ToBinary(text, WatOptions.Default);

    /// <summary>Like <see cref="ToBinary(string)"/>, with options (e.g. emit a name section).</summary>
    /// <exception cref="WasmModuleException">The text is malformed (IsMalformed = true); Offset is the character offset.</exception>
    public static byte[] ToBinary(string text, WatOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return ModuleParser.Parse(text, options);
    }
}
