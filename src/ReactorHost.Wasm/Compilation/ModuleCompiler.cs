using System.Reflection;
using System.Reflection.Emit;
using ReactorHost.Wasm.Model;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Compiles every defined function of a module to a static CIL method.
/// </summary>
/// <remarks>
/// Design choice: one <see cref="AssemblyBuilder"/> per module (collectible unless
/// <see cref="EngineOptions.CollectibleCode"/> is false) with a single <see cref="TypeBuilder"/> of
/// static methods, rather than DynamicMethods, because
/// (1) methods get real MethodInfos, so trap stack traces can be mapped back to wasm functions;
/// (2) the JIT strategy can be chosen: <see cref="MethodImplAttributes.AggressiveOptimization"/>
/// (<see cref="EngineOptions.OptimizeCode"/>) compiles fully optimized code on the first call, while
/// without it non-collectible code goes through tiered compilation (.NET never tiers collectible
/// code: it is always fully optimized);
/// (3) methods call each other with plain CIL <c>call</c>. The dynamic assembly carries
/// <c>IgnoresAccessChecksTo("ReactorHost.Wasm")</c> (see <see cref="DynamicAssemblies"/>) so it can use the engine's internal runtime.
/// Methods are emitted eagerly; the JIT compiles each on its first call, so module load cost is
/// IL emission only. References to engine members go through per-module stubs
/// (<see cref="ExternalMembers"/>): emitting a cross-assembly reference costs microseconds.
/// </remarks>
internal static class ModuleCompiler
{
    private static int s_assemblyCounter;

    /// <summary>Compiles <paramref name="module"/> (already validated).</summary>
    public static CompiledModule Compile(EngineOptions options, ModuleDefinition module, string moduleName)
    {
        var id = Interlocked.Increment(ref s_assemblyCounter);
        var dynamicModule = DynamicAssemblies.Create($"ReactorHost.Wasm.Compiled{id}", options.CollectibleCode);
        var type = dynamicModule.DefineType("WasmModule", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);

        var definedCount = module.FunctionTypeIndices.Count;
        var methods = new MethodBuilder[definedCount];
        for (var i = 0; i < definedCount; i++)
        {
            var functionIndex = module.ImportedFunctionCount + i;
            var functionType = module.Types[module.FunctionTypeIndices[i]];
            methods[i] = type.DefineMethod(
                CompiledModule.MethodName(functionIndex),
                MethodAttributes.Public | MethodAttributes.Static,
                CilTypes.ReturnType(functionType),
                CilTypes.ParameterTypes(functionType, typeof(InstanceContext)));
            if (options.OptimizeCode)
            {
                methods[i].SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
            }
        }

        var externals = new ExternalMembers(type);
        // Compact mode trades a much longer JIT of the largest functions (~0.4-0.8 s each instead of
        // ~50 ms of MinOpts) for optimized code: at most where every function is fully optimized on
        // its first call anyway (collectible code is never tiered). Under tiered compilation the
        // tier-0 and on-stack-replacement compiles of such functions cost more than they save.
        var allowCompact = options.CompactCode == CompactCodeMode.Auto && (options.OptimizeCode || options.CollectibleCode);
        var compiler = new FunctionCompiler(module, methods, externals, new CompactHelpers(type, externals), allowCompact, options.CompactCode == CompactCodeMode.Always);
        for (var i = 0; i < definedCount; i++)
        {
            compiler.Compile(module.ImportedFunctionCount + i, methods[i]);
        }

        // One method that stores every function's entry point (ldftn) into an array: far cheaper
        // than a reflection lookup per method for modules with thousands of functions.
        var fill = type.DefineMethod("EntryPoints", MethodAttributes.Public | MethodAttributes.Static, typeof(void), [typeof(nint[])]);
        var il = fill.GetILGenerator();
        for (var i = 0; i < definedCount; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            CilTypes.EmitLdcI4(il, i);
            il.Emit(OpCodes.Ldftn, methods[i]);
            il.Emit(OpCodes.Stelem_I);
        }

        il.Emit(OpCodes.Ret);
        var created = type.CreateType();
        var entryPoints = new nint[definedCount];
        created.GetMethod("EntryPoints")!.Invoke(null, [entryPoints]);
        return new CompiledModule(moduleName, module, created, entryPoints);
    }
}
