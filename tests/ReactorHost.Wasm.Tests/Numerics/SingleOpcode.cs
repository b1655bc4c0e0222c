using System.Reflection;
using System.Reflection.Emit;
using ReactorHost.Wasm.Compilation;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>Compiles one numeric opcode applied to its arguments into a method, in a given <see cref="JitMode"/>.</summary>
internal static class SingleOpcode
{
    public static MethodInfo Compile(JitMode mode, Opcode opcode, Type result, params Type[] parameters)
    {
        var body = new List<byte> { 0 }; // no locals
        for (int i = 0; i < parameters.Length; i++)
        {
            body.Add(0x20);
            body.Add((byte)i);
        }

        if ((int)opcode >= 0xFC00)
        {
            body.Add(0xFC);
            body.Add((byte)((int)opcode & 0xFF));
        }
        else
        {
            body.Add((byte)opcode);
        }

        body.Add(0x0B);
        var signature = new MiniWasmModule.FunctionSignature([.. parameters.Select(WasmType)], [WasmType(result)]);
        return new TestFunctionCompiler(mode).TryCompile(opcode.ToString(), signature, [.. body])
            ?? throw new InvalidOperationException($"{opcode} was not emitted");
    }

    public static object Invoke(MethodInfo method, params object[] args) =>
        method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null)!;

    /// <summary>Runs <paramref name="opcode"/> on <paramref name="args"/> (their CLR types give the operand types).</summary>
    public static T Run<T>(JitMode mode, Opcode opcode, params object[] args) =>
        (T)Invoke(Compile(mode, opcode, typeof(T), [.. args.Select(a => a.GetType())]), args);

    private static byte WasmType(Type type) =>
        type == typeof(int) ? (byte)0x7F
        : type == typeof(long) ? (byte)0x7E
        : type == typeof(float) ? (byte)0x7D
        : (byte)0x7C;
}
