namespace ReactorHost.Wasm.Compilation;

/// <summary>Which functions are emitted in compact mode (see <see cref="CompactHelpers"/>).</summary>
internal enum CompactCodeMode
{
    /// <summary>None: functions over the JIT's limits stay MinOpts (the default, see docs/engine.md).</summary>
    Never,

    /// <summary>Functions whose normal CIL would exceed a MinOpts limit and whose compact CIL would not, where the code is fully optimized on its first call.</summary>
    Auto,

    /// <summary>Every function (tests: the conformance suite through the compact emission).</summary>
    Always,
}
