using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm;

/// <summary>
/// A WebAssembly value of any type, for untyped calls (<see cref="Function.Invoke"/>) and host
/// callbacks. Numbers are stored as raw bits so NaN payloads survive round trips.
/// </summary>
public readonly struct WasmValue : IEquatable<WasmValue>
{
    private readonly ulong _bits;
    private readonly object? _reference;

    private WasmValue(ValueKind kind, ulong bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValueKind Kind { get; }

    /// <summary>Raw bits of a numeric value (i32 zero-extended, f32 in the low 32 bits).</summary>
    public ulong Bits => _bits;

    /// <summary>The reference of a funcref (a <see cref="Function"/>) or externref (any object); null for ref.null.</summary>
    public object? Reference => _reference;

    /// <summary>An i32.</summary>
    public static WasmValue FromInt32(int value) => new(ValueKind.Int32, (uint)value, null);

    /// <summary>An i64.</summary>
    public static WasmValue FromInt64(long value) => new(ValueKind.Int64, (ulong)value, null);

    /// <summary>An f32.</summary>
    public static WasmValue FromFloat32(float value) => new(ValueKind.Float32, BitConverter.SingleToUInt32Bits(value), null);

    /// <summary>An f64.</summary>
    public static WasmValue FromFloat64(double value) => new(ValueKind.Float64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>An f32 from raw IEEE bits (keeps NaN payloads exactly).</summary>
    public static WasmValue FromFloat32Bits(uint bits) => new(ValueKind.Float32, bits, null);

    /// <summary>An f64 from raw IEEE bits (keeps NaN payloads exactly).</summary>
    public static WasmValue FromFloat64Bits(ulong bits) => new(ValueKind.Float64, bits, null);

    /// <summary>A funcref (null for ref.null func).</summary>
    public static WasmValue FromFunction(Function? function) => new(ValueKind.FuncRef, 0, function);

    /// <summary>An externref (null for ref.null extern).</summary>
    public static WasmValue FromExternRef(object? value) => new(ValueKind.ExternRef, 0, value);

    /// <summary>The zero / null value of <paramref name="kind"/> (the default of locals and tables).</summary>
    public static WasmValue DefaultOf(ValueKind kind) => new(kind, 0, null);

    /// <summary>The value as i32.</summary>
    public int AsInt32() => (int)(uint)_bits;

    /// <summary>The value as i64.</summary>
    public long AsInt64() => (long)_bits;

    /// <summary>The value as f32.</summary>
    public float AsFloat32() => BitConverter.UInt32BitsToSingle((uint)_bits);

    /// <summary>The value as f64.</summary>
    public double AsFloat64() => BitConverter.UInt64BitsToDouble(_bits);

    /// <summary>The funcref as a <see cref="Function"/> (null for ref.null).</summary>
    public Function? AsFunction() => _reference as Function;

    /// <summary>Boxes the value as its natural .NET type (int, long, float, double, Function, object, or null).</summary>
    public object? ToObject() => Kind switch
    {
        ValueKind.Int32 => AsInt32(),
        ValueKind.Int64 => AsInt64(),
        ValueKind.Float32 => AsFloat32(),
        ValueKind.Float64 => AsFloat64(),
        _ => _reference,
    };

    /// <inheritdoc/>
    public bool Equals(WasmValue other) =>
        Kind == other.Kind && _bits == other._bits && ReferenceEquals(_reference, other._reference);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WasmValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _reference is null ? 0 : RuntimeHelpers.GetHashCode(_reference));

    /// <summary>Equality of kind, bits and reference identity.</summary>
    public static bool operator ==(WasmValue left, WasmValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(WasmValue left, WasmValue right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ValueKind.Int32 => $"i32:{AsInt32()}",
        ValueKind.Int64 => $"i64:{AsInt64()}",
        ValueKind.Float32 => $"f32:{AsFloat32()}",
        ValueKind.Float64 => $"f64:{AsFloat64()}",
        _ => $"{Kind.ToWatName()}:{_reference ?? "null"}",
    };
}
