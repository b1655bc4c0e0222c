namespace ReactorHost.Wasm;

/// <summary>
/// A module is malformed (cannot be decoded) or invalid (fails validation). Always names the byte
/// offset in the module binary and the reason, e.g. <c>at offset 0x1f: type mismatch</c>.
/// </summary>
public class WasmModuleException : WasmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Byte offset in the module binary where the problem was found (-1 when unknown).</param>
    /// <param name="reason">The reason, in the spec test suite's words where one applies (e.g. "type mismatch").</param>
    /// <param name="isMalformed">True for a decoding error (malformed), false for a validation error (invalid).</param>
    public WasmModuleException(long offset, string reason, bool isMalformed)
        : base(offset >= 0 ? $"at offset 0x{offset:x}: {reason}" : reason)
    {
        Offset = offset;
        Reason = reason;
        IsMalformed = isMalformed;
    }

    /// <summary>Byte offset in the module binary, or -1 when unknown.</summary>
    public long Offset { get; }

    /// <summary>The reason without the offset.</summary>
    public string Reason { get; }

    /// <summary>True when the binary could not be decoded; false when it decoded but failed validation.</summary>
    public bool IsMalformed { get; }
}
