using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Turns deep recursion into <see cref="TrapCode.StackExhausted"/> instead of a process-killing
/// stack overflow. Every compiled function that calls starts with
/// <c>if ((nuint)&amp;local &lt; ~context.InvertedStackLimit) StackGuard.CheckSlow(sp, context)</c>:
/// a field load from its own context argument (see <see cref="CallContext"/>), a compare and a
/// not-taken branch. The limit is stored inverted so that an unset limit (0 → ~0 = max) sends the
/// call to the slow path, which then sets it from this thread's limit; nothing can run unguarded.
/// The outermost host→wasm entry (<see cref="Enter"/>) sets the limit to the current stack pointer
/// minus <see cref="EngineOptions.MaxStackBytes"/>, never lower than the thread's real stack base
/// plus a safety margin (room for the JIT, host callbacks and exception dispatch).
/// </summary>
internal static class StackGuard
{
    /// <summary>Bytes kept free below the limit for JIT compilation, host code and unwinding.</summary>
    private const int SafetyMargin = 256 * 1024;

    /// <summary>Default budget when wasm code is entered without <see cref="Enter"/>.</summary>
    private const int DefaultMaxStackBytes = 512 * 1024;

    /// <summary>~limit of this thread; copied into the context of every entered instance.</summary>
    [ThreadStatic]
    private static nuint t_invertedLimit;

    [ThreadStatic]
    private static int t_depth;

    [ThreadStatic]
    private static nuint t_stackLow;

    /// <summary>
    /// Called at every host→wasm entry; the outermost one on a thread sets the thread's limit, and
    /// every entry hands it to the callee's context (the instance may last have run on another thread).
    /// </summary>
    public static unsafe void Enter(int maxStackBytes, CallContext callee)
    {
        if (t_depth++ == 0)
        {
            byte probe = 0;
            SetLimit((nuint)(&probe), maxStackBytes);
        }

        callee.InvertedStackLimit = t_invertedLimit;
    }

    /// <summary>Pairs with <see cref="Enter"/> (in a finally).</summary>
    public static void Exit()
    {
        if (--t_depth == 0)
        {
            t_invertedLimit = 0;
        }
    }

    /// <summary>Slow path of the entry check: the stack is exhausted, or no limit is set yet on this thread.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CheckSlow(nuint stackPointer, CallContext context)
    {
        if (context.InvertedStackLimit == 0)
        {
            if (t_invertedLimit == 0)
            {
                SetLimit(stackPointer, DefaultMaxStackBytes);
            }

            context.InvertedStackLimit = t_invertedLimit;
            if (stackPointer >= ~t_invertedLimit)
            {
                return;
            }
        }

        TrapHelpers.ThrowStackExhausted();
    }

    private static void SetLimit(nuint stackPointer, int maxStackBytes)
    {
        var budget = (nuint)Math.Max(maxStackBytes, 16 * 1024);
        var limit = stackPointer > budget ? stackPointer - budget : 0;
        if (t_stackLow == 0)
        {
            t_stackLow = ThreadStack.GetLowAddress();
        }

        if (t_stackLow != 0)
        {
            var floor = t_stackLow + SafetyMargin;
            if (limit < floor)
            {
                limit = floor;
            }
        }

        t_invertedLimit = ~limit;
    }
}
