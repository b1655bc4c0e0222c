namespace ReactorHost.Wasm;

/// <summary>
/// Execution of WebAssembly code trapped. Carries the <see cref="TrapCode"/> and the wasm stack
/// trace (innermost frame first, function names from the name section when present).
/// </summary>
public class WasmTrapException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmTrapException(TrapCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Why execution trapped.</summary>
    public TrapCode Code { get; }

    /// <summary>The wasm frames active when the trap happened, innermost first.</summary>
    public IReadOnlyList<WasmStackFrame> WasmStackTrace { get; internal set; } = [];

    /// <summary>The spec test suite's wording of the trap code (e.g. "integer divide by zero").</summary>
    public static string Describe(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IntegerDivideByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.InvalidConversionToInteger => "invalid conversion to integer",
        TrapCode.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapCode.NullElement => "uninitialized element",
        TrapCode.StackExhausted => "call stack exhausted",
        TrapCode.Interrupted => "interrupted",
        TrapCode.SegmentOutOfBounds => "out of bounds memory access",
        _ => code.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() =>
        WasmStackTrace.Count == 0
            ? base.ToString()
            : base.ToString() + Environment.NewLine + "wasm backtrace:" + Environment.NewLine +
              string.Join(Environment.NewLine, WasmStackTrace.Select((f, i) => $"  {i}: {f}"));
}
