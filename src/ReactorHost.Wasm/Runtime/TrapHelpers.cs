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

    /// <summary>Throws <see cref="TrapCode.Unreachable"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnreachable() => Throw(TrapCode.Unreachable);

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

    /// <summary>Throws <see cref="TrapCode.Interrupted"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowInterrupted() => Throw(TrapCode.Interrupted);

    /// <summary>Throws <see cref="TrapCode.TableOutOfBounds"/> with the spec's <c>call_indirect</c> wording ("undefined element").</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUndefinedElement() => throw new WasmTrapException(TrapCode.TableOutOfBounds, "undefined element");

    /// <summary>Creates (does not throw) the <see cref="TrapCode.Unreachable"/> trap, for a CIL <c>throw</c> that ends the block.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CreateUnreachable() => new WasmTrapException(TrapCode.Unreachable, WasmTrapException.Describe(TrapCode.Unreachable));
}
