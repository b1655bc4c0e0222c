namespace ReactorHost.Wasm;

/// <summary>
/// A global variable. The object is the storage cell: an exported global imported by other
/// instances is the same object, so mutable globals are shared.
/// </summary>
public sealed class Global
{
    /// <summary>Numeric value bits (i32/f32 in the low 32 bits); read and written by compiled code.</summary>
    internal long Bits;

    /// <summary>Reference value; read and written by compiled code.</summary>
    internal object? Reference;

    /// <summary>Creates a global (e.g. to define an import).</summary>
    public Global(ValueKind kind, bool mutable, WasmValue initialValue)
        : this(new GlobalType(kind, mutable))
    {
        Store(initialValue);
    }

    /// <summary>Creates a zero-initialised global of <paramref name="type"/>.</summary>
    internal Global(GlobalType type)
    {
        if (!type.Kind.IsNumeric() && !type.Kind.IsReference())
        {
            throw new ArgumentException($"Unsupported global type {type.Kind.ToWatName()}.", nameof(type));
        }

        Type = type;
    }

    /// <summary>The global's type.</summary>
    public GlobalType Type { get; }

    /// <summary>The current value. Setting an immutable global throws <see cref="InvalidOperationException"/>.</summary>
    public WasmValue Value
    {
        get => Type.Kind switch
        {
            ValueKind.Int32 => WasmValue.FromInt32((int)Bits),
            ValueKind.Int64 => WasmValue.FromInt64(Bits),
            ValueKind.Float32 => WasmValue.FromFloat32Bits((uint)Bits),
            ValueKind.Float64 => WasmValue.FromFloat64Bits((ulong)Bits),
            ValueKind.FuncRef => WasmValue.FromFunction((Function?)Reference),
            _ => WasmValue.FromExternRef(Reference),
        };
        set
        {
            if (!Type.Mutable)
            {
                throw new InvalidOperationException("The global is immutable.");
            }

            Store(value);
        }
    }

    /// <summary>Sets the value regardless of mutability (initialisation), checking its type.</summary>
    internal void Store(WasmValue value)
    {
        if (value.Kind != Type.Kind)
        {
            throw new ArgumentException($"Expected a {Type.Kind.ToWatName()} value, got {value.Kind.ToWatName()}.", nameof(value));
        }

        if (Type.Kind == ValueKind.FuncRef && value.Reference is not null and not Function)
        {
            throw new ArgumentException("A funcref value must be a Function or null.", nameof(value));
        }

        Bits = Type.Kind == ValueKind.Int32 || Type.Kind == ValueKind.Float32 ? (uint)value.Bits : (long)value.Bits;
        Reference = value.Reference;
    }
}
