using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Compilation;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Validation;

namespace ReactorHost.Wasm;

/// <summary>
/// A decoded, validated and compiled WebAssembly module. Immutable and thread-safe: instantiate it
/// any number of times with a <see cref="Linker"/>.
/// </summary>
public sealed class Module
{
    private Module(Engine engine, string name, ModuleDefinition definition, CompiledModule compiled)
    {
        Engine = engine;
        Name = name;
        Definition = definition;
        Compiled = compiled;
        Imports = [.. definition.Imports.Select(i => new ImportDescriptor(i.ModuleName, i.Name, i.Kind, ImportType(definition, i)))];
        Exports = [.. definition.Exports.Select(e => new ExportDescriptor(e.Name, e.Kind, ExportType(definition, e)))];
    }

    /// <summary>The engine the module was compiled for.</summary>
    public Engine Engine { get; }

    /// <summary>The module's name (given when loading; defaults to the name section's module name).</summary>
    public string Name { get; }

    /// <summary>The module's imports, in order.</summary>
    public IReadOnlyList<ImportDescriptor> Imports { get; }

    /// <summary>The module's exports, in order.</summary>
    public IReadOnlyList<ExportDescriptor> Exports { get; }

    /// <summary>The decoded module.</summary>
    internal ModuleDefinition Definition { get; }

    /// <summary>The compiled code.</summary>
    internal CompiledModule Compiled { get; }

    /// <summary>Decodes, validates and compiles a module binary.</summary>
    /// <exception cref="WasmModuleException">The binary is malformed or invalid.</exception>
    public static Module FromBytes(Engine engine, string name, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var definition = Decode(bytes);
        var moduleName = string.IsNullOrEmpty(name) ? definition.Names.ModuleName ?? "module" : name;
        var compiled = ModuleCompiler.Compile(engine.Options, definition, moduleName);
        return new Module(engine, moduleName, definition, compiled);
    }

    /// <summary>Loads a module from a <c>.wasm</c> file.</summary>
    public static Module FromFile(Engine engine, string path) =>
        FromBytes(engine, Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path));

    /// <summary>Loads a module from a stream (read to the end).</summary>
    public static Module FromStream(Engine engine, string name, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FromBytes(engine, name, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Checks that a module binary is well formed and valid without compiling it.</summary>
    /// <exception cref="WasmModuleException">The binary is malformed or invalid.</exception>
    public static void Validate(Engine engine, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _ = Decode(bytes);
    }

    /// <summary>Name of function <paramref name="functionIndex"/> (name section or export), or null.</summary>
    internal string? GetFunctionName(int functionIndex) => Compiled.GetFunctionName(functionIndex);

    private static ModuleDefinition Decode(ReadOnlySpan<byte> bytes)
    {
        var definition = ModuleReader.Read(bytes.ToArray());
        ModuleValidator.Validate(definition);
        return definition;
    }

    private static object ImportType(ModuleDefinition module, ImportDefinition import) => import.Kind switch
    {
        ExternKind.Function => module.Types[import.FunctionTypeIndex],
        ExternKind.Table => import.Table!,
        ExternKind.Memory => import.Memory!,
        _ => import.Global!,
    };

    private static object ExportType(ModuleDefinition module, ExportDefinition export) => export.Kind switch
    {
        ExternKind.Function => module.GetFunctionType(export.Index),
        ExternKind.Table => module.GetTableType(export.Index),
        ExternKind.Memory => module.GetMemoryType(export.Index),
        _ => module.GetGlobalType(export.Index),
    };
}
