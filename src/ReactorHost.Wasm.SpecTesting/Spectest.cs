namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// The <c>spectest</c> host module the spec scripts import from, with the reference
/// interpreter's definitions: print functions that do nothing, immutable globals (666 / 666.6),
/// a funcref table of 10 elements (max 20) and a memory of 1 page (max 2).
/// </summary>
public static class Spectest
{
    /// <summary>The import module name.</summary>
    public const string ModuleName = "spectest";

    /// <summary>Defines fresh <c>spectest</c> objects in <paramref name="linker"/>.</summary>
    public static void Define(Linker linker)
    {
        ArgumentNullException.ThrowIfNull(linker);
        DefinePrint(linker, "print");
        DefinePrint(linker, "print_i32", ValueKind.Int32);
        DefinePrint(linker, "print_i64", ValueKind.Int64);
        DefinePrint(linker, "print_f32", ValueKind.Float32);
        DefinePrint(linker, "print_f64", ValueKind.Float64);
        DefinePrint(linker, "print_i32_f32", ValueKind.Int32, ValueKind.Float32);
        DefinePrint(linker, "print_f64_f64", ValueKind.Float64, ValueKind.Float64);
        linker.Define(ModuleName, "global_i32", new Global(ValueKind.Int32, false, WasmValue.FromInt32(666)));
        linker.Define(ModuleName, "global_i64", new Global(ValueKind.Int64, false, WasmValue.FromInt64(666)));
        linker.Define(ModuleName, "global_f32", new Global(ValueKind.Float32, false, WasmValue.FromFloat32(666.6f)));
        linker.Define(ModuleName, "global_f64", new Global(ValueKind.Float64, false, WasmValue.FromFloat64(666.6)));
        linker.Define(ModuleName, "table", new Table(ValueKind.FuncRef, 10, 20));
        linker.Define(ModuleName, "memory", new Memory(1, 2));
    }

    private static void DefinePrint(Linker linker, string name, params ValueKind[] parameters) =>
        linker.Define(ModuleName, name, Function.FromCallback(new FunctionType(parameters, []), static (_, _, _) => { }));
}
