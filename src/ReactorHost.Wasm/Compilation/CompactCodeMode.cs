namespace ReactorHost.Wasm.Compilation;

/// <summary>Which functions are emitted in compact mode (see <see cref="CompactHelpers"/>).</summary>
internal enum CompactCodeMode
{
    /// <summary>None: functions over the JIT's limits stay MinOpts.</summary>
    Never,

    /// <summary>
    /// The default: functions whose normal CIL would exceed a MinOpts limit and whose compact CIL
    /// would not, where the code is fully optimized on its first call (collectible code or
    /// <see cref="EngineOptions.OptimizeCode"/>; never under tiered compilation).
    /// </summary>
    Auto,

    /// <summary>Every function (tests: the conformance suite through the compact emission).</summary>
    Always,
}
