using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Binary;

/// <summary>Decodes an instruction stream (a function body's code or a constant expression).</summary>
internal ref struct OperatorReader
{
    private readonly ReadOnlySpan<byte> _code;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Creates a reader over <paramref name="code"/>, whose first byte is at module offset <paramref name="baseOffset"/>.</summary>
    public OperatorReader(ReadOnlySpan<byte> code, int baseOffset)
    {
        _code = code;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>True while bytes remain.</summary>
    public readonly bool HasMore => _position < _code.Length;

    /// <summary>Module offset of the next instruction.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>Decodes the next instruction.</summary>
    /// <exception cref="WasmModuleException">Malformed encoding (unknown opcode, bad LEB128, truncated, ...).</exception>
    public Instruction Read() => throw new NotImplementedException("front-end helper");
}
