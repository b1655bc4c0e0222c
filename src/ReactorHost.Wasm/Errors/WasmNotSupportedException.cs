namespace ReactorHost.Wasm;

/// <summary>
/// The module is well formed but uses a feature this engine does not implement yet (for example
/// SIMD <c>v128</c>). Separate from <see cref="WasmModuleException.IsMalformed"/> errors so tools
/// can report it as unsupported rather than as a broken module.
/// </summary>
public sealed class WasmNotSupportedException : WasmModuleException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Byte offset in the module binary.</param>
    /// <param name="feature">The unsupported feature, e.g. "SIMD (v128)".</param>
    public WasmNotSupportedException(long offset, string feature)
        : base(offset, $"unsupported feature: {feature}", isMalformed: false)
    {
        Feature = feature;
    }

    /// <summary>The name of the unsupported feature.</summary>
    public string Feature { get; }
}
