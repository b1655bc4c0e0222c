namespace ReactorHost.Wasm;

/// <summary>The kind of a WebAssembly value. Numeric values equal the binary encoding of the type.</summary>
public enum ValueKind : byte
{
    /// <summary>No type: used by validation for an operand of unknown type in unreachable code.</summary>
    Unknown = 0,

    /// <summary>32-bit integer (<c>i32</c>).</summary>
    Int32 = 0x7F,

    /// <summary>64-bit integer (<c>i64</c>).</summary>
    Int64 = 0x7E,

    /// <summary>32-bit IEEE 754 float (<c>f32</c>).</summary>
    Float32 = 0x7D,

    /// <summary>64-bit IEEE 754 float (<c>f64</c>).</summary>
    Float64 = 0x7C,

    /// <summary>128-bit vector (<c>v128</c>); decoded but not yet supported by the compiler.</summary>
    V128 = 0x7B,

    /// <summary>Reference to a function (<c>funcref</c>).</summary>
    FuncRef = 0x70,

    /// <summary>Opaque host reference (<c>externref</c>).</summary>
    ExternRef = 0x6F,
}
