namespace System.Runtime.CompilerServices;

/// <summary>
/// Recognised by the runtime by name: an assembly carrying it may use the named assembly's
/// internal members. The tests put it on their dynamic assemblies so emitted code can call WasmMath.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    public string AssemblyName { get; } = assemblyName;
}
