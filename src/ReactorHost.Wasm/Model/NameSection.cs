namespace ReactorHost.Wasm.Model;

/// <summary>
/// Decoded contents of the <c>name</c> custom section. A malformed name section is ignored (the
/// spec makes custom sections non-semantic), so this may be empty even when the section exists.
/// </summary>
internal sealed class NameSection
{
    /// <summary>The module name subsection, if any.</summary>
    public string? ModuleName { get; set; }

    /// <summary>Function index → name.</summary>
    public Dictionary<int, string> FunctionNames { get; } = [];

    /// <summary>Function index → (local index → name).</summary>
    public Dictionary<int, Dictionary<int, string>> LocalNames { get; } = [];
}
