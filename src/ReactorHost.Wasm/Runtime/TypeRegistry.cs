using System.Collections.Concurrent;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Process-wide canonical ids of function types: structurally equal types (from any module or
/// engine) get the same id, so <c>call_indirect</c> checks a signature with one integer compare.
/// </summary>
internal static class TypeRegistry
{
    private static readonly ConcurrentDictionary<FunctionType, int> s_ids = new();
    private static int s_next;

    /// <summary>The canonical id of <paramref name="type"/>.</summary>
    public static int GetId(FunctionType type) =>
        s_ids.TryGetValue(type, out var id) ? id : s_ids.GetOrAdd(type, static _ => Interlocked.Increment(ref s_next));
}
