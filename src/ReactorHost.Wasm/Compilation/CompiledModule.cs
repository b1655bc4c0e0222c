using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// The compiled code of a module: one static method per defined function (named
/// <c>f{functionIndex}</c>) in a collectible dynamic type, and their entry points.
/// Registered by type so trap stack traces can map .NET frames back to wasm functions.
/// </summary>
internal sealed class CompiledModule
{
    private const string MethodPrefix = "f";
    private static readonly ConditionalWeakTable<Type, CompiledModule> s_byType = new();

    private readonly Dictionary<int, string> _names;

    public CompiledModule(string moduleName, ModuleDefinition definition, Type type, nint[] entryPoints)
    {
        ModuleName = moduleName;
        Type = type;
        EntryPoints = entryPoints;
        _names = new Dictionary<int, string>(definition.Names.FunctionNames);
        foreach (var export in definition.Exports)
        {
            if (export.Kind == ExternKind.Function)
            {
                _names.TryAdd(export.Index, export.Name);
            }
        }

        s_byType.AddOrUpdate(type, this);
    }

    /// <summary>The module's name.</summary>
    public string ModuleName { get; }

    /// <summary>The dynamic type holding the compiled functions (keeps the collectible assembly alive).</summary>
    public Type Type { get; }

    /// <summary>Entry point of each defined function (index = function index − imported function count).</summary>
    public nint[] EntryPoints { get; }

    /// <summary>The method name of function <paramref name="functionIndex"/>.</summary>
    public static string MethodName(int functionIndex) => MethodPrefix + functionIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a name produced by <see cref="MethodName"/>.</summary>
    public static bool TryParseFunctionIndex(string methodName, out int functionIndex)
    {
        functionIndex = -1;
        return methodName.StartsWith(MethodPrefix, StringComparison.Ordinal)
            && int.TryParse(methodName.AsSpan(MethodPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out functionIndex);
    }

    /// <summary>The compiled module owning dynamic type <paramref name="type"/>.</summary>
    public static bool TryGet(Type type, [NotNullWhen(true)] out CompiledModule? module) => s_byType.TryGetValue(type, out module);

    /// <summary>Name of a function (name section, else first export name), or null.</summary>
    public string? GetFunctionName(int functionIndex) => _names.GetValueOrDefault(functionIndex);
}
