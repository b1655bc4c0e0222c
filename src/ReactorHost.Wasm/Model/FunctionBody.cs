namespace ReactorHost.Wasm.Model;

/// <summary>The body of a defined function, from the code section.</summary>
internal sealed class FunctionBody
{
    /// <summary>Declared locals, expanded (one entry per local), excluding parameters.</summary>
    public required ValueKind[] Locals { get; init; }

    /// <summary>The instruction bytes after the local declarations, including the final <c>end</c>.</summary>
    public required ReadOnlyMemory<byte> Code { get; init; }

    /// <summary>Byte offset of <see cref="Code"/>[0] in the module binary.</summary>
    public required int CodeOffset { get; init; }
}
