using System.Reflection;
using System.Reflection.Emit;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Creates the dynamic assemblies that hold generated code, able to use this
/// assembly's internal members.
/// </summary>
/// <remarks>
/// Code in an AssemblyBuilder normally gets a MethodAccessException when it touches internal
/// members of ReactorHost.Wasm. CoreCLR honours <c>System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute</c>
/// (matched by name) on the accessing assembly. The attribute type is emitted into each dynamic
/// assembly itself rather than declared in this assembly, so it never clashes with a same-named
/// helper type in assemblies that see our internals (the test project declares one).
/// </remarks>
internal static class DynamicAssemblies
{
    /// <summary>
    /// Creates an assembly with one module, allowed to access ReactorHost.Wasm internals:
    /// RunAndCollect when <paramref name="collectible"/>, otherwise Run (kept for the process's life).
    /// </summary>
    public static ModuleBuilder Create(string name, bool collectible = true)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(
            new AssemblyName(name),
            collectible ? AssemblyBuilderAccess.RunAndCollect : AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule(name);
        var attributeType = module.DefineType(
            "System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.NotPublic | TypeAttributes.Sealed | TypeAttributes.Class,
            typeof(Attribute));
        var constructor = attributeType.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(string)]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ret);
        var created = attributeType.CreateType();
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            created.GetConstructor([typeof(string)])!, [typeof(DynamicAssemblies).Assembly.GetName().Name!]));
        return module;
    }
}
