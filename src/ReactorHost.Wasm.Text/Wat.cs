namespace ReactorHost.Wasm.Text;

/// <summary>The WebAssembly text format: converts a text module (WAT) to the binary format.</summary>
public static class Wat
{
    /// <summary>
    /// Parses a text module — either <c>(module ...)</c> or a bare sequence of module fields — and
    /// returns its binary encoding.
    /// </summary>
    /// <exception cref="WasmModuleException">The text is malformed (IsMalformed = true); Offset is the character offset.</exception>
    public static byte[] ToBinary(string text) => throw new NotImplementedException("text helper");
}
