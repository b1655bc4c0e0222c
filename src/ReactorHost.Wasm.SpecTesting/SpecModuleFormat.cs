namespace ReactorHost.Wasm.SpecTesting;

/// <summary>How a module referenced by a command is stored (wast2json <c>module_type</c>).</summary>
public enum SpecModuleFormat
{
    /// <summary>A <c>.wasm</c> binary.</summary>
    Binary,

    /// <summary>A <c>.wat</c> text module (only used by <c>assert_malformed</c> of quoted modules).</summary>
    Text,
}
