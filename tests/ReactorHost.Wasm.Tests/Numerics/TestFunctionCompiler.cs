using System.Reflection;
using System.Reflection.Emit;

namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>How the JIT sees the emitted code: the engine's methods start unoptimized (tier 0) and get optimized later, so both must agree.</summary>
public enum JitMode
{
    /// <summary>A <see cref="DynamicMethod"/> (always fully optimized).</summary>
    DynamicMethod,

    /// <summary>A method in a collectible assembly marked NoOptimization (what tier 0 / minopts does).</summary>
    MinOpts,

    /// <summary>A method in a collectible assembly marked AggressiveOptimization.</summary>
    Optimized,
}

/// <summary>Compiles straight-line wasm functions into invocable methods in the chosen <see cref="JitMode"/>.</summary>
internal sealed class TestFunctionCompiler
{
    private static readonly ConstructorInfo IgnoresAccessChecksTo =
        typeof(System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;

    private readonly JitMode _mode;
    private readonly ModuleBuilder? _module;
    private int _typeCounter;

    public TestFunctionCompiler(JitMode mode)
    {
        _mode = mode;
        if (mode != JitMode.DynamicMethod)
        {
            var assembly = AssemblyBuilder.DefineDynamicAssembly(
                new AssemblyName("NumericVectors" + Guid.NewGuid().ToString("N")),
                AssemblyBuilderAccess.RunAndCollect,
                [new CustomAttributeBuilder(IgnoresAccessChecksTo, [typeof(Compilation.NumericEmitter).Assembly.GetName().Name!])]);
            _module = assembly.DefineDynamicModule("Vectors");
        }
    }

    public MethodInfo? TryCompile(string name, MiniWasmModule.FunctionSignature signature, byte[] body)
    {
        if (!StraightLineCompiler.TryMapSignature(signature, out Type returnType, out Type[] parameterTypes))
        {
            return null;
        }

        if (_module is null)
        {
            var method = new DynamicMethod(name, returnType, parameterTypes, typeof(TestFunctionCompiler).Module, skipVisibility: true);
            return StraightLineCompiler.TryEmitBody(method.GetILGenerator(), parameterTypes.Length, body) ? method : null;
        }

        TypeBuilder type = _module.DefineType("F" + _typeCounter++, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        MethodBuilder builder = type.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.Static, returnType, parameterTypes);
        builder.SetImplementationFlags(_mode == JitMode.MinOpts ? MethodImplAttributes.NoOptimization : MethodImplAttributes.AggressiveOptimization);
        if (!StraightLineCompiler.TryEmitBody(builder.GetILGenerator(), parameterTypes.Length, body))
        {
            return null;
        }

        return type.CreateType().GetMethod("Invoke");
    }
}
