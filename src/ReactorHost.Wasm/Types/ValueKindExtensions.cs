namespace ReactorHost.Wasm;

/// <summary>Helpers for <see cref="ValueKind"/>.</summary>
public static class ValueKindExtensions
{
    /// <summary>True for <see cref="ValueKind.FuncRef"/> and <see cref="ValueKind.ExternRef"/>.</summary>
    public static bool IsReference(this ValueKind kind) => kind is ValueKind.FuncRef or ValueKind.ExternRef;

    /// <summary>True for the four numeric types.</summary>
    public static bool IsNumeric(this ValueKind kind) =>
        kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float32 or ValueKind.Float64;

    /// <summary>The text-format name of the type (<c>i32</c>, <c>funcref</c>, ...).</summary>
    public static string ToWatName(this ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => "unknown",
    };
}
