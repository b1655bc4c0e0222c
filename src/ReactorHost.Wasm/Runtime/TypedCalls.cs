using ReactorHost.Wasm.Compilation;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Typed delegates over exported functions (<see cref="Instance.GetFunction{TResult}(string)"/> and
/// friends): each delegate calls the entry point through a C# function pointer with the uniform
/// calling convention, inside the host→wasm boundary (stack limit, trap stack trace). No
/// allocation per call.
/// </summary>
internal static unsafe class TypedCalls
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the .NET types match <paramref name="type"/> exactly.</summary>
    public static void CheckSignature(string name, FunctionType type, Type[] parameters, Type? result)
    {
        var ok = parameters.Length == type.Parameters.Length && (result is null ? type.Results.Length == 0 : type.Results.Length == 1);
        for (var i = 0; ok && i < parameters.Length; i++)
        {
            ok = StubFactory.TryMapClrType(parameters[i], out var kind) && kind == type.Parameters[i];
        }

        if (ok && result is not null)
        {
            ok = StubFactory.TryMapClrType(result, out var kind) && kind == type.Results[0];
        }

        if (!ok)
        {
            var wanted = "(" + string.Join(", ", parameters.Select(p => p.Name)) + ") -> " + (result?.Name ?? "void");
            throw new ArgumentException($"Export \"{name}\" has type {type}, which does not match {wanted}.", nameof(name));
        }
    }

    public static Func<TResult> Func<TResult>(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return () =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                return ((delegate*<object, TResult>)entry)(context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }

    public static Func<T1, TResult> Func<T1, TResult>(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return a1 =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                return ((delegate*<T1, object, TResult>)entry)(a1, context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }

    public static Func<T1, T2, TResult> Func<T1, T2, TResult>(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return (a1, a2) =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                return ((delegate*<T1, T2, object, TResult>)entry)(a1, a2, context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }

    public static Func<T1, T2, T3, TResult> Func<T1, T2, T3, TResult>(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return (a1, a2, a3) =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                return ((delegate*<T1, T2, T3, object, TResult>)entry)(a1, a2, a3, context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }

    public static Action Action(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return () =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                ((delegate*<object, void>)entry)(context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }

    public static Action<T1> Action<T1>(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return a1 =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                ((delegate*<T1, object, void>)entry)(a1, context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }

    public static Action<T1, T2> Action<T1, T2>(Function function)
    {
        var entry = function.EntryPoint;
        var context = function.Context;
        var stack = function.MaxStackBytes;
        return (a1, a2) =>
        {
            StackGuard.Enter(stack, context);
            try
            {
                ((delegate*<T1, T2, object, void>)entry)(a1, a2, context);
            }
            catch (WasmTrapException trap)
            {
                TrapTrace.Attach(trap);
                throw;
            }
            catch (OverflowException overflow) when (TrapTrace.TryTranslate(overflow) is { } trap)
            {
                throw trap;
            }
            finally
            {
                StackGuard.Exit();
            }
        };
    }
}
