namespace ReactorHost.Wasm;

/// <summary>
/// A decoded, validated and compiled WebAssembly module. Immutable and thread-safe: instantiate it
/// any number of times with a <see cref="Linker"/>.
/// </summary>
public sealed class Module
{
    private Module() => throw new NotImplementedException("back-end helper");

    /// <summary>The engine the module was compiled for.</summary>
    public Engine Engine => throw new NotImplementedException();

    /// <summary>The module's name (given when loading; defaults to the name section's module name).</summary>
    public string Name => throw new NotImplementedException();

    /// <summary>The module's imports, in order.</summary>
    public IReadOnlyList<ImportDescriptor> Imports => throw new NotImplementedException();

    /// <summary>The module's exports, in order.</summary>
    public IReadOnlyList<ExportDescriptor> Exports => throw new NotImplementedException();

    /// <summary>Decodes, validates and compiles a module binary.</summary>
    /// <exception cref="WasmModuleException">The binary is malformed or invalid.</exception>
    public static Module FromBytes(Engine engine, string name, ReadOnlySpan<byte> bytes) => throw new NotImplementedException();

    /// <summary>Loads a module from a <c>.wasm</c> file.</summary>
    public static Module FromFile(Engine engine, string path) => throw new NotImplementedException();

    /// <summary>Loads a module from a stream (read to the end).</summary>
    public static Module FromStream(Engine engine, string name, Stream stream) => throw new NotImplementedException();

    /// <summary>Checks that a module binary is well formed and valid without compiling it.</summary>
    /// <exception cref="WasmModuleException">The binary is malformed or invalid.</exception>
    public static void Validate(Engine engine, ReadOnlySpan<byte> bytes) => throw new NotImplementedException();
}
