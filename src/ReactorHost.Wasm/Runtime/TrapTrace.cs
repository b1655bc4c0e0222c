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

        trap.WasmStackTrace = Frames(trap);
    }

    /// <summary>
    /// The trap for an <see cref="OverflowException"/> raised by a compact-mode bounds check (see
    /// <see cref="CompactHelpers"/>), recognised by its throwing method being compiled wasm code
    /// (compiled code raises no other OverflowException); null for any other exception, e.g. one
    /// thrown by a host function.
    /// </summary>
    public static WasmTrapException? TryTranslate(OverflowException exception)
    {
        // The runtime raises it from a managed throw helper (ThrowHelpers.ThrowOverflowException
        // in CoreLib): the first frame outside CoreLib must be compiled wasm code.
        var thrower = new StackTrace(exception, false).GetFrames()
            .Select(frame => frame.GetMethod())
            .FirstOrDefault(method => method?.DeclaringType?.Assembly != typeof(object).Assembly);
        if (thrower is not { DeclaringType: { } type } || !CompiledModule.TryGet(type, out _))
        {
            return null;
        }

        return new WasmTrapException(TrapCode.MemoryOutOfBounds, WasmTrapException.Describe(TrapCode.MemoryOutOfBounds))
        {
            WasmStackTrace = Frames(exception),
        };
    }

    private static List<WasmStackFrame> Frames(Exception exception)
    {
        var frames = new List<WasmStackFrame>();
        foreach (var frame in new StackTrace(exception, false).GetFrames())
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

        return frames;
    }
}
