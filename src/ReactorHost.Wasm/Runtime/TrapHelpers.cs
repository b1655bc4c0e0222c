using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Throw sites for traps. Compiled code and runtime helpers call these instead of constructing
/// exceptions inline, so the hot methods stay small and the JIT keeps them out of line.
/// </summary>
internal static class TrapHelpers
{
    /// <summary>Throws a <see cref="WasmTrapException"/> for <paramref name="code"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(TrapCode code) => throw new WasmTrapException(code, WasmTrapException.Describe(code));

    /// <summary>Throws <see cref="TrapCode.MemoryOutOfBounds"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMemoryOutOfBounds() => Throw(TrapCode.MemoryOutOfBounds);

    /// <summary>Throws <see cref="TrapCode.TableOutOfBounds"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTableOutOfBounds() => Throw(TrapCode.TableOutOfBounds);

    /// <summary>Throws <see cref="TrapCode.IntegerDivideByZero"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIntegerDivideByZero() => Throw(TrapCode.IntegerDivideByZero);

    /// <summary>Throws <see cref="TrapCode.IntegerOverflow"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIntegerOverflow() => Throw(TrapCode.IntegerOverflow);

    /// <summary>Throws <see cref="TrapCode.InvalidConversionToInteger"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowInvalidConversionToInteger() => Throw(TrapCode.InvalidConversionToInteger);

    /// <summary>Throws <see cref="TrapCode.IndirectCallTypeMismatch"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIndirectCallTypeMismatch() => Throw(TrapCode.IndirectCallTypeMismatch);

    /// <summary>Throws <see cref="TrapCode.NullElement"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNullElement() => Throw(TrapCode.NullElement);

    /// <summary>Throws <see cref="TrapCode.StackExhausted"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowStackExhausted() => Throw(TrapCode.StackExhausted);

    /// <summary>Throws <see cref="TrapCode.TableOutOfBounds"/> with the spec's <c>call_indirect</c> wording ("undefined element").</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUndefinedElement() => throw new WasmTrapException(TrapCode.TableOutOfBounds, "undefined element");

    // Compiled code uses the Create* helpers as `call Create...; throw` rather than calling a
    // Throw* helper: the JIT only knows a block is a cold throw block when it ends in a CIL
    // `throw`, and otherwise keeps registers spilled around every bounds check (measured: the
    // f64 kernels ran 3-5x slower with call-only trap paths).

    /// <summary>Creates (does not throw) a <see cref="TrapCode.MemoryOutOfBounds"/> trap, for a CIL <c>throw</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CreateMemoryOutOfBounds() => Create(TrapCode.MemoryOutOfBounds);

    /// <summary>Creates (does not throw) a <see cref="TrapCode.Interrupted"/> trap, for a CIL <c>throw</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CreateInterrupted() => Create(TrapCode.Interrupted);

    /// <summary>Creates (does not throw) the <see cref="TrapCode.Unreachable"/> trap, for a CIL <c>throw</c> that ends the block.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CreateUnreachable() => Create(TrapCode.Unreachable);

    private static WasmTrapException Create(TrapCode code) => new(code, WasmTrapException.Describe(code));
}
