namespace ReactorHost;

/// <summary>Which guest allocator a <see cref="ReactorContext"/> found among the instance's exports.</summary>
public enum ReactorAllocatorKind
{
    /// <summary>The guest exports no allocator: <see cref="ReactorContext.Allocate(int, int)"/> throws.</summary>
    None,

    /// <summary><c>malloc(size) → ptr</c> and <c>free(ptr)</c>.</summary>
    Malloc,

    /// <summary>The canonical-ABI <c>cabi_realloc(old, old_size, align, new_size) → ptr</c> (preferred when exported); freeing uses <c>free</c> when also exported, else it is a no-op.</summary>
    CabiRealloc,
}
