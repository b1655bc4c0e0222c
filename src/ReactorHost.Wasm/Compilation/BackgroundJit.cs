using System.Reflection;
using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// JIT-compiles a module's largest functions on a background thread (<see cref="EngineOptions.BackgroundCompilation"/>).
/// </summary>
/// <remarks>
/// The JIT's time grows with a function's size, and in big real modules a few huge functions
/// (SQLite's bytecode interpreter: 190 KB of IL, ~100 ms even at tier 0) account for much of it.
/// They are usually the program's core, called early. Compiling them on another core while the
/// guest starts means its first call finds machine code ready, or waits only for the rest of a
/// compilation already under way (the runtime compiles each method once). Biggest first, because
/// that is where the time is; small functions are left to their first call.
/// </remarks>
internal static class BackgroundJit
{
    /// <summary>Functions with fewer wasm code bytes are not worth a background compilation.</summary>
    private const int MinimumCodeBytes = 4096;

    /// <summary>Upper bound on the functions compiled ahead, so a huge module does not keep a core busy for long.</summary>
    private const int MaximumFunctions = 32;

    /// <summary>Starts the background compilation of <paramref name="module"/>'s largest functions in <paramref name="type"/>, if any and if a second core exists.</summary>
    public static void Start(Type type, ModuleDefinition module)
    {
        if (Environment.ProcessorCount < 2)
        {
            return;
        }

        var methods = SelectFunctions(module)
            .Select(index => type.GetMethod(CompiledModule.MethodName(index), BindingFlags.Public | BindingFlags.Static)!)
            .ToArray();
        if (methods.Length == 0)
        {
            return;
        }

        var thread = new Thread(() => Compile(methods))
        {
            IsBackground = true,
            Name = "wasm background JIT",
        };
        thread.Start();
    }

    /// <summary>The function indices worth compiling ahead, in the order to compile them.</summary>
    public static int[] SelectFunctions(ModuleDefinition module) =>
        Enumerable.Range(0, module.Bodies.Count)
            .Where(i => module.Bodies[i].Code.Length >= MinimumCodeBytes)
            .OrderByDescending(i => module.Bodies[i].Code.Length)
            .Take(MaximumFunctions)
            .Select(i => module.ImportedFunctionCount + i)
            .ToArray();

    private static void Compile(MethodInfo[] methods)
    {
        foreach (var method in methods)
        {
            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
            }
            catch (InvalidProgramException)
            {
                // Not this thread's to report: the guest's own first call meets the same error.
            }
        }
    }
}
