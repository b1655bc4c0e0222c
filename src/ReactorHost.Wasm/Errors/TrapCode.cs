namespace ReactorHost.Wasm;

/// <summary>Why execution trapped.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction was executed.</summary>
    Unreachable,

    /// <summary>A memory access was outside the bounds of linear memory.</summary>
    MemoryOutOfBounds,

    /// <summary>A table access (or table/element segment operation) was outside the table.</summary>
    TableOutOfBounds,

    /// <summary>An integer division or remainder by zero.</summary>
    IntegerDivideByZero,

    /// <summary>Signed integer overflow (<c>INT_MIN / -1</c>) or a float-to-int conversion out of range.</summary>
    IntegerOverflow,

    /// <summary>A float-to-int conversion of NaN.</summary>
    InvalidConversionToInteger,

    /// <summary><c>call_indirect</c> found a function of the wrong signature.</summary>
    IndirectCallTypeMismatch,

    /// <summary><c>call_indirect</c> found a null table element ("uninitialized element").</summary>
    NullElement,

    /// <summary>The call stack was exhausted (deep or infinite recursion).</summary>
    StackExhausted,

    /// <summary>Execution was interrupted from another thread.</summary>
    Interrupted,

    /// <summary>A data or element segment access was out of bounds during instantiation.</summary>
    SegmentOutOfBounds,
}
