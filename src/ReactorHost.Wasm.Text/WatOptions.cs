namespace ReactorHost.Wasm.Text;

/// <summary>Options of the text-to-binary conversion.</summary>
public sealed class WatOptions
{
    /// <summary>The default options (no name section).</summary>
    public static WatOptions Default { get; } = new();

    /// <summary>
    /// Emit a <c>name</c> custom section with the module name and the symbolic names of functions
    /// and locals. Off by default, so the output matches wabt's <c>wat2wasm</c>/<c>wast2json</c>.
    /// </summary>
    public bool EmitNameSection { get; init; }
}
