namespace ReactorHost.Wasm.Model;

/// <summary>How an element or data segment is used.</summary>
internal enum SegmentMode
{
    /// <summary>Copied into a table or memory at instantiation, then dropped.</summary>
    Active,

    /// <summary>Available to <c>memory.init</c>/<c>table.init</c> until dropped.</summary>
    Passive,

    /// <summary>Element segments only: declares functions referenced by <c>ref.func</c>; dropped at instantiation.</summary>
    Declarative,
}
