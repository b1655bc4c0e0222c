using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>Runtime support called by the generated host-function stubs.</summary>
internal static class HostCalls
{
    /// <summary>Slot <paramref name="index"/> of a stack buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref WasmValue Slot(ref WasmValueBuffer buffer, int index) => ref Unsafe.Add(ref Unsafe.As<WasmValueBuffer, WasmValue>(ref buffer), index);

    /// <summary>The <see cref="Caller"/> of a host binding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Caller GetCaller(object context) => new(Unsafe.As<HostBinding>(context).Caller);

    /// <summary>The typed delegate of a host binding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Delegate GetDelegate(object context) => Unsafe.As<HostBinding>(context).Typed!;

    /// <summary>
    /// Runs an untyped host callback. <paramref name="first"/> starts <paramref name="parameterCount"/>
    /// arguments followed by <paramref name="resultCount"/> result slots.
    /// </summary>
    public static void InvokeUntyped(object context, ref WasmValue first, int parameterCount, int resultCount)
    {
        var binding = (HostBinding)context;
        var all = MemoryMarshal.CreateSpan(ref first, parameterCount + resultCount);
        var results = all.Slice(parameterCount, resultCount);
        results.Clear();
        binding.Untyped!(new Caller(binding.Caller), all[..parameterCount], results);
        var expected = binding.Type.Results;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Kind != expected[i] || (expected[i] == ValueKind.FuncRef && results[i].Reference is not null and not Function))
            {
                throw new InvalidOperationException(
                    $"Host function result {i} must be {expected[i].ToWatName()}, got {results[i].Kind.ToWatName()}.");
            }
        }
    }
}
