namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>Names visible inside a function body: its locals and the enclosing block labels.</summary>
internal sealed class FunctionContext
{
    public FunctionContext(Dictionary<string, int> locals)
    {
        Locals = locals;
        Labels.Add(null); // the function body is the outermost block
    }

    /// <summary>A context for constant expressions (no locals).</summary>
    public static FunctionContext ConstantExpression => new([]);

    public Dictionary<string, int> Locals { get; }

    /// <summary>Label names from outermost to innermost (null for unnamed blocks).</summary>
    public List<string?> Labels { get; } = [];
}
