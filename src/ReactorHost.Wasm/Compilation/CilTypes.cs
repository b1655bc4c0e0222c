using System.Reflection.Emit;

namespace ReactorHost.Wasm.Compilation;

/// <summary>How wasm values and signatures map to CIL types.</summary>
internal static class CilTypes
{
    /// <summary>i32→int, i64→long, f32→float, f64→double, funcref/externref→object.</summary>
    public static Type Of(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => typeof(int),
        ValueKind.Int64 => typeof(long),
        ValueKind.Float32 => typeof(float),
        ValueKind.Float64 => typeof(double),
        ValueKind.FuncRef or ValueKind.ExternRef => typeof(object),
        _ => throw new WasmNotSupportedException(-1, $"value type {kind.ToWatName()}"),
    };

    /// <summary>Return type of the uniform calling convention: the first result, or void.</summary>
    public static Type ReturnType(FunctionType type) => type.Results.Length == 0 ? typeof(void) : Of(type.Results[0]);

    /// <summary>
    /// Parameters of the uniform calling convention: the wasm parameters, then one byref per
    /// result after the first, then the context argument.
    /// </summary>
    public static Type[] ParameterTypes(FunctionType type, Type contextType)
    {
        var extraResults = Math.Max(type.Results.Length - 1, 0);
        var types = new Type[type.Parameters.Length + extraResults + 1];
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            types[i] = Of(type.Parameters[i]);
        }

        for (var k = 1; k < type.Results.Length; k++)
        {
            types[type.Parameters.Length + k - 1] = Of(type.Results[k]).MakeByRefType();
        }

        types[^1] = contextType;
        return types;
    }

    /// <summary>Stores a value of <paramref name="kind"/> through the address below it on the stack.</summary>
    public static void EmitStoreIndirect(ILGenerator il, ValueKind kind) => il.Emit(kind switch
    {
        ValueKind.Int32 => OpCodes.Stind_I4,
        ValueKind.Int64 => OpCodes.Stind_I8,
        ValueKind.Float32 => OpCodes.Stind_R4,
        ValueKind.Float64 => OpCodes.Stind_R8,
        _ => OpCodes.Stind_Ref,
    });

    /// <summary>Loads a value of <paramref name="kind"/> from the address on the stack.</summary>
    public static void EmitLoadIndirect(ILGenerator il, ValueKind kind) => il.Emit(kind switch
    {
        ValueKind.Int32 => OpCodes.Ldind_I4,
        ValueKind.Int64 => OpCodes.Ldind_I8,
        ValueKind.Float32 => OpCodes.Ldind_R4,
        ValueKind.Float64 => OpCodes.Ldind_R8,
        _ => OpCodes.Ldind_Ref,
    });

    /// <summary>Emits the shortest form of ldarg.</summary>
    public static void EmitLdarg(ILGenerator il, int index)
    {
        switch (index)
        {
            case 0: il.Emit(OpCodes.Ldarg_0); break;
            case 1: il.Emit(OpCodes.Ldarg_1); break;
            case 2: il.Emit(OpCodes.Ldarg_2); break;
            case 3: il.Emit(OpCodes.Ldarg_3); break;
            case <= 255: il.Emit(OpCodes.Ldarg_S, (byte)index); break;
            default: il.Emit(OpCodes.Ldarg, (short)index); break;
        }
    }

    /// <summary>Emits the shortest form of starg.</summary>
    public static void EmitStarg(ILGenerator il, int index)
    {
        if (index <= 255)
        {
            il.Emit(OpCodes.Starg_S, (byte)index);
        }
        else
        {
            il.Emit(OpCodes.Starg, (short)index);
        }
    }

    /// <summary>Emits the shortest form of ldc.i4.</summary>
    public static void EmitLdcI4(ILGenerator il, int value)
    {
        switch (value)
        {
            case -1: il.Emit(OpCodes.Ldc_I4_M1); break;
            case 0: il.Emit(OpCodes.Ldc_I4_0); break;
            case 1: il.Emit(OpCodes.Ldc_I4_1); break;
            case 2: il.Emit(OpCodes.Ldc_I4_2); break;
            case 3: il.Emit(OpCodes.Ldc_I4_3); break;
            case 4: il.Emit(OpCodes.Ldc_I4_4); break;
            case 5: il.Emit(OpCodes.Ldc_I4_5); break;
            case 6: il.Emit(OpCodes.Ldc_I4_6); break;
            case 7: il.Emit(OpCodes.Ldc_I4_7); break;
            case 8: il.Emit(OpCodes.Ldc_I4_8); break;
            case >= -128 and <= 127: il.Emit(OpCodes.Ldc_I4_S, (sbyte)value); break;
            default: il.Emit(OpCodes.Ldc_I4, value); break;
        }
    }

    /// <summary>
    /// Pushes a 64-bit constant, as <c>ldc.i4(.s)</c> + <c>conv.i8</c> when it fits 32 bits (2-6
    /// bytes instead of 9; the JIT folds the conversion).
    /// </summary>
    public static void EmitLdcI8(ILGenerator il, long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            EmitLdcI4(il, (int)value);
            il.Emit(OpCodes.Conv_I8);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I8, value);
        }
    }
}
