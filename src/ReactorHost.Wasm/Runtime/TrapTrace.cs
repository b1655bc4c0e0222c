using System.Diagnostics;
using ReactorHost.Wasm.Compilation;

namespace ReactorHost.Wasm.Runtime;

/// <summary>Maps the .NET frames of a trap back to wasm functions (module name, index, name).</summary>
internal static class TrapTrace
{
    /// <summary>Frames kept at most (deep recursion would otherwise produce huge traces).</summary>
    private const int MaxFrames = 200;

    /// <summary>Fills <see cref="WasmTrapException.WasmStackTrace"/> the first time a trap crosses a host boundary.</summary>
    public static void Attach(WasmTrapException trap)
    {
        if (trap.WasmStackTrace.Count != 0)
        {
            return;
        }

        var frames = new List<WasmStackFrame>();
        foreach (var frame in new StackTrace(trap, false).GetFrames())
        {
            if (frame.GetMethod() is { DeclaringType: { } type } method && CompiledModule.TryGet(type, out var compiled)
                && CompiledModule.TryParseFunctionIndex(method.Name, out var index))
            {
                frames.Add(new WasmStackFrame(compiled.ModuleName, index, compiled.GetFunctionName(index)));
                if (frames.Count == MaxFrames)
                {
                    break;
                }
            }
        }

        trap.WasmStackTrace = frames;
    }
}
