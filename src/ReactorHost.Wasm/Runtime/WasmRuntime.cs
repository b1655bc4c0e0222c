using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>Small helpers called by compiled code.</summary>
internal static class WasmRuntime
{
    /// <summary>
    /// Resolves a <c>call_indirect</c> target: bounds ("undefined element"), null ("uninitialized
    /// element") and signature (canonical type id) checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Function ResolveIndirect(int index, Table table, int typeId)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            TrapHelpers.ThrowUndefinedElement();
        }

        var function = Unsafe.As<Function>(elements[index]);
        if (function is null)
        {
            TrapHelpers.ThrowNullElement();
        }

        if (function.TypeId != typeId)
        {
            TrapHelpers.ThrowIndirectCallTypeMismatch();
        }

        return function;
    }

    /// <summary>ref.is_null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IsNull(object? reference) => reference is null ? 1 : 0;
}
